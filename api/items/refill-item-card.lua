-- Writes an item card the API built from Postgres under the Redis sink's rule
-- (connectors/sinks/redis/scripts/apply-item-cards.lua): the newest order wins and stays recorded,
-- so the API never overwrites a newer card, never revives a deleted one (the sink keeps a deleted
-- item's order), and a later, older write of the sink cannot undo the API's.
--   KEYS[1]  item-card:versions (item id -> ordering version of the card written last)
--   KEYS[2]  the item's card key
--   ARGV[1]  item id
--   ARGV[2]  ordering version (item.version * 2^21 + seller.version; exact below 2^53)
--   ARGV[3]  card JSON; '' deletes the card (the item is deleted)
-- Returns 1 when applied, 0 when a card of this order or newer was recorded.
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current and tonumber(ARGV[2]) <= tonumber(current) then return 0 end
if ARGV[3] == '' then
  redis.call('DEL', KEYS[2])
else
  redis.call('SET', KEYS[2], ARGV[3])
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
