-- Item cards, newest version wins (see item-card.ts cardOrder).
--   KEYS[2]       item-card:versions (item id -> ordering version of the card written last)
--   KEYS[2 + i]   the card key of operation i
--   ARGV[3 ...]   per operation, 4 values: offset, item id, ordering version, card JSON ('' = delete)
-- The version stays in item-card:versions after a delete, so a late older update cannot revive
-- the card.
local versions = KEYS[2]
return applyChunk(3, 4, function(i, at)
  local itemId, order, card = ARGV[at + 1], ARGV[at + 2], ARGV[at + 3]
  local current = call('HGET', versions, itemId)
  if current and tonumber(order) <= tonumber(current) then return end
  if card == '' then
    call('DEL', KEYS[2 + i])
  else
    call('SET', KEYS[2 + i], card)
  end
  call('HSET', versions, itemId, order)
end)
