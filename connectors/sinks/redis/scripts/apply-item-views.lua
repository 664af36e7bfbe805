-- Page views: the view counter, the unique viewers and the trending weight of each viewed item.
--   KEYS[2]             trending:items (sorted set)
--   KEYS[3]             trending:landmark (epoch ms the weights are relative to)
--   KEYS[2 + 2i]        item:<id>:views of operation i
--   KEYS[3 + 2i]        item:<id>:viewers of operation i (HyperLogLog)
--   ARGV[3]             the half-life in ms
--   ARGV[4]             rescales drop members scoring below this
--   ARGV[5 ...]         per operation, 5 values: offset, item id, viewer ('' = none), event time ms,
--                       the landmark the event needs (trending-decay.ts landmarkFor)
-- Forward decay, as trending-decay.ts explains: a view adds 2^((t - L) / halfLife); when an event
-- needs a later landmark every score is multiplied by 2^(-(L' - L) / halfLife) and L' is stored.
local trending, landmarkKey = KEYS[2], KEYS[3]
local halfLife = tonumber(ARGV[3])
local pruneBelow = ARGV[4]
local landmark = tonumber(redis.call('GET', landmarkKey) or '')

-- Numbers handed to Redis as text that reads back as the very same double.
local function exact(number)
  return string.format('%.17g', number)
end

local function moveLandmark(to, text)
  if landmark then
    local shift = (to - landmark) / halfLife
    if shift > 1100 then
      -- 2^-1100 is below the smallest double: every score would become 0.
      call('DEL', trending)
    else
      call('ZUNIONSTORE', trending, 1, trending, 'WEIGHTS', exact(2 ^ -shift))
      call('ZREMRANGEBYSCORE', trending, '-inf', '(' .. pruneBelow)
    end
  end
  landmark = to
  call('SET', landmarkKey, text)
end

return applyChunk(5, 5, function(i, at)
  local itemId, viewer = ARGV[at + 1], ARGV[at + 2]
  local eventTime, wanted = tonumber(ARGV[at + 3]), tonumber(ARGV[at + 4])
  if not landmark or wanted > landmark then moveLandmark(wanted, ARGV[at + 4]) end
  call('INCR', KEYS[2 + 2 * i])
  if viewer ~= '' then call('PFADD', KEYS[3 + 2 * i], viewer) end
  call('ZINCRBY', trending, exact(2 ^ ((eventTime - landmark) / halfLife)), itemId)
end)
