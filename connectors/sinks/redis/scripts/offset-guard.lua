-- The head of every apply-*.lua script (scripts.ts prepends it): the offset discipline that makes
-- counters exactly-once in effect.
--   KEYS[1]  the sink's offsets hash (sink:offsets)
--   ARGV[1]  this partition's field in it (<topic>:<partition>)
--   ARGV[2]  the offset of the chunk's last record (records that ask nothing of Redis included)
-- A record is applied only when its offset is past the stored one, and the stored offset moves to
-- ARGV[2] in the same script: Redis runs a script without interleaving anything else, so a chunk
-- takes effect exactly once however often it is delivered, and a crash never separates the data
-- from its offset.
local stored = redis.call('HGET', KEYS[1], ARGV[1])

-- Kafka offsets are decimal strings up to 2^63 - beyond a double's exact integers - and carry no
-- leading zeros, so they compare exactly as (length, text).
local function after(a, b)
  if not b then return true end
  if #a ~= #b then return #a > #b end
  return a > b
end

local function store(offset)
  if offset and after(offset, stored) then redis.call('HSET', KEYS[1], ARGV[1], offset) end
end

-- The offset of the last record whose effects are all in place.
local done = false

-- A script is atomic but not transactional: a failing command does not undo the ones before it.
-- So every command goes through call(), which stores the offset reached before raising the error:
-- a retry then does not apply the earlier records of the chunk a second time.
local function call(...)
  local reply = redis.pcall(...)
  if type(reply) == 'table' and reply.err then
    store(done)
    error(reply)
  end
  return reply
end

-- Runs apply(i, at) for each operation of the chunk whose offset is past the stored one, then stores
-- the chunk's offset. Operations are `width` values each in ARGV from index `first`, the offset
-- first; `i` numbers the operation (for its KEYS), `at` is the ARGV index of its offset.
local function applyChunk(first, width, apply)
  local applied, duplicates = 0, 0
  for i = 1, (#ARGV - first + 1) / width do
    local at = first + (i - 1) * width
    local offset = ARGV[at]
    if after(offset, stored) then
      apply(i, at)
      applied = applied + 1
    else
      duplicates = duplicates + 1
    end
    done = offset
  end
  store(ARGV[2])
  return { applied, duplicates }
end
