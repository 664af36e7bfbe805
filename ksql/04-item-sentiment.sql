-- Review sentiment per item that stays right when reviews are edited or deleted: first the latest
-- state of every review (a table keyed by review id), then an aggregate over that table, which
-- ksqlDB retracts and re-adds as a review changes. Counting the stream directly would count an
-- edited review twice and a deleted one forever.
CREATE TABLE IF NOT EXISTS comments_latest
  WITH (KAFKA_TOPIC = 'ksql.comments-latest', KEY_FORMAT = 'KAFKA', VALUE_FORMAT = 'AVRO', PARTITIONS = 3)
  AS SELECT
    c.comment->id AS comment_id,
    LATEST_BY_OFFSET(c.comment->itemId) AS item_id,
    LATEST_BY_OFFSET(c.comment->rating) AS rating,
    LATEST_BY_OFFSET(c.sentiment->score) AS score,
    LATEST_BY_OFFSET(c.sentiment->label) AS label,
    LATEST_BY_OFFSET(c.deleted) AS deleted
  FROM comments_scored c
  GROUP BY c.comment->id
  EMIT CHANGES;

CREATE TABLE IF NOT EXISTS item_sentiment
  WITH (KAFKA_TOPIC = 'ksql.item-sentiment', KEY_FORMAT = 'KAFKA', VALUE_FORMAT = 'AVRO', PARTITIONS = 3)
  AS SELECT
    l.item_id AS item_id,
    COUNT(*) AS reviews,
    AVG(l.rating) AS average_rating,
    AVG(l.score) AS mean_sentiment
  FROM comments_latest l
  WHERE l.deleted = false
  GROUP BY l.item_id
  EMIT CHANGES;
