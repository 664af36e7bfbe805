-- Rating and sentiment summaries per item, exact under review updates and deletes.
--   KEYS[3i - 1]   item:<id>:comment-versions of operation i (comment id -> 'version|rating|scoreMicros|label')
--   KEYS[3i]       item:<id>:ratings of operation i
--   KEYS[3i + 1]   item:<id>:sentiment of operation i
--   ARGV[3 ...]    per operation, 6 values: offset, comment id, version, rating ('' = deleted),
--                  score in millionths, label
-- A review counts with its latest version only: a newer version first takes the old contribution
-- out, then puts its own in; an older or equal version changes nothing. Deleted reviews keep their
-- version ('version|||') so a late older update cannot count them again. Sums are integers, so the
-- summaries do not depend on the order reviews of different partitions arrive in.
local labels = { 'POSITIVE', 'NEUTRAL', 'NEGATIVE' }

local function decimals(number)
  local text = string.format('%.4f', number)
  if text == '-0.0000' then return '0.0000' end
  return text
end

local function number(value)
  return tonumber(value) or 0
end

return applyChunk(3, 6, function(i, at)
  local commentId, version = ARGV[at + 1], ARGV[at + 2]
  local rating, scoreMicros, label = ARGV[at + 3], ARGV[at + 4], ARGV[at + 5]
  local ledger, ratings, sentiment = KEYS[3 * i - 1], KEYS[3 * i], KEYS[3 * i + 1]
  local previous = call('HGET', ledger, commentId)
  local oldVersion, oldRating, oldMicros, oldLabel
  if previous then
    oldVersion, oldRating, oldMicros, oldLabel = string.match(previous, '^(%d+)|(%d*)|(-?%d*)|(%u*)$')
  end
  if oldVersion and tonumber(version) <= tonumber(oldVersion) then return end

  local r = call('HMGET', ratings, 'count', 'sum')
  local s = call('HMGET', sentiment, 'scoreSumMicros', labels[1], labels[2], labels[3])
  local reviews, sum, micros = number(r[1]), number(r[2]), number(s[1])
  local perLabel = { [labels[1]] = number(s[2]), [labels[2]] = number(s[3]), [labels[3]] = number(s[4]) }
  if oldVersion and oldRating ~= '' then
    reviews, sum, micros = reviews - 1, sum - tonumber(oldRating), micros - tonumber(oldMicros)
    perLabel[oldLabel] = perLabel[oldLabel] - 1
  end
  if rating ~= '' then
    reviews, sum, micros = reviews + 1, sum + tonumber(rating), micros + tonumber(scoreMicros)
    perLabel[label] = perLabel[label] + 1
    call('HSET', ledger, commentId, version .. '|' .. rating .. '|' .. scoreMicros .. '|' .. label)
  else
    call('HSET', ledger, commentId, version .. '|||')
  end
  if reviews > 0 then
    call('HSET', ratings, 'count', reviews, 'sum', sum, 'avg', decimals(sum / reviews))
    call('HSET', sentiment, 'count', reviews, 'scoreSumMicros', micros,
      'meanScore', decimals(micros / reviews / 1e6),
      labels[1], perLabel[labels[1]], labels[2], perLabel[labels[2]], labels[3], perLabel[labels[3]])
  else
    call('DEL', ratings, sentiment)
  end
end)
