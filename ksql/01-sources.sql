-- The platform's topics as ksqlDB sources. Value columns are inferred from each topic's Avro schema
-- in the schema registry (subject <topic>-value, the topic-name strategy the platform registers
-- under); only the key is declared, because ksqlDB cannot infer a KAFKA-format key. Avro field
-- names become upper-case columns (itemId -> ITEMID); records become STRUCTs read with ->.

-- Shopper actions with the item's dimensions, keyed by session id.
CREATE STREAM IF NOT EXISTS activity_enriched (session_id STRING KEY)
  WITH (KAFKA_TOPIC = 'shop.activity.enriched', KEY_FORMAT = 'KAFKA', VALUE_FORMAT = 'AVRO');

-- Normalised items, keyed by item id (compacted: the latest version of every item).
CREATE STREAM IF NOT EXISTS items_normalised (item_key STRING KEY)
  WITH (KAFKA_TOPIC = 'shop.items.normalised', KEY_FORMAT = 'KAFKA', VALUE_FORMAT = 'AVRO');

-- Sellers as a table: the latest change of every seller, keyed by seller id.
CREATE TABLE IF NOT EXISTS sellers (seller_key STRING PRIMARY KEY)
  WITH (KAFKA_TOPIC = 'shop.sellers', KEY_FORMAT = 'KAFKA', VALUE_FORMAT = 'AVRO');

-- Reviews with their sentiment, keyed by review id.
CREATE STREAM IF NOT EXISTS comments_scored (comment_key STRING KEY)
  WITH (KAFKA_TOPIC = 'shop.comments.scored', KEY_FORMAT = 'KAFKA', VALUE_FORMAT = 'AVRO');
