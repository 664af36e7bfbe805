-- Items joined with their seller's current name and rating: the same join the enrich-items
-- processor makes, as a stream a team can query. A LEFT JOIN, so an item whose seller is not known
-- yet still flows (with null seller columns). ksqlDB repartitions the items by seller id for the
-- join; the output is keyed by seller id, so the item id is carried as a column.
CREATE STREAM IF NOT EXISTS items_with_sellers
  WITH (KAFKA_TOPIC = 'ksql.items-with-sellers', KEY_FORMAT = 'KAFKA', VALUE_FORMAT = 'AVRO', PARTITIONS = 3)
  AS SELECT
    i.sellerId AS seller_id,
    i.id AS item_id,
    i.version AS item_version,
    i.deleted AS deleted,
    i.title AS title,
    i.category->id AS category_id,
    i.price->amountMinor AS price_minor,
    i.price->currency AS currency,
    s.seller->name AS seller_name,
    s.seller->rating AS seller_rating,
    s.seller->region AS seller_region
  FROM items_normalised i
  LEFT JOIN sellers s ON i.sellerId = s.seller_key
  EMIT CHANGES;
