-- The shop's system of record and its outbox (DESIGN.md §2). Every write the API makes changes
-- its row and inserts one outbox row in the same transaction; the outbox relay publishes those
-- rows to the CRUD topics. Versions grow by one per change so consumers can drop stale events.

-- Up Migration
CREATE TABLE users (
  id            uuid PRIMARY KEY,
  email         text NOT NULL,
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('shopper', 'seller', 'admin')),
  version       bigint NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
-- Addresses are unique however they are capitalised.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE sellers (
  id         uuid PRIMARY KEY,
  owner_id   uuid REFERENCES users (id),
  name       text NOT NULL CHECK (btrim(name) <> ''),
  rating     numeric(3, 2) CHECK (rating BETWEEN 1 AND 5),
  region     text,
  version    bigint NOT NULL DEFAULT 1,
  deleted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE items (
  id           uuid PRIMARY KEY,
  seller_id    uuid NOT NULL REFERENCES sellers (id),
  title        text NOT NULL CHECK (btrim(title) <> ''),
  description  text NOT NULL DEFAULT '',
  category     text NOT NULL,
  -- Money in integer minor units of an ISO 4217 currency, as on the topics.
  price_minor  bigint NOT NULL CHECK (price_minor > 0),
  currency     char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  attributes   jsonb NOT NULL DEFAULT '{}'::jsonb,
  version      bigint NOT NULL DEFAULT 1,
  deleted_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX items_seller_id_idx ON items (seller_id);

CREATE TABLE item_images (
  item_id      uuid NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  position     integer NOT NULL CHECK (position >= 0),
  object_key   text NOT NULL,
  content_type text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (item_id, position)
);

CREATE TABLE comments (
  id         uuid PRIMARY KEY,
  item_id    uuid NOT NULL REFERENCES items (id),
  author_id  uuid NOT NULL REFERENCES users (id),
  text       text NOT NULL,
  rating     smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  version    bigint NOT NULL DEFAULT 1,
  deleted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comments_item_id_idx ON comments (item_id);

-- One row per event to publish. `id` orders events; the relay publishes in id order per entity
-- and marks rows published only after Kafka acknowledged them (at least once; event_id and
-- entity_version let consumers drop duplicates).
CREATE TABLE outbox (
  id             bigserial PRIMARY KEY,
  event_id       uuid NOT NULL UNIQUE,
  topic          text NOT NULL,
  entity_key     text NOT NULL,
  entity_version bigint NOT NULL,
  payload        jsonb NOT NULL,
  traceparent    text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  published_at   timestamptz
);
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;

-- Wakes the relay at once instead of waiting for its next poll.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox', NEW.id::text);
  RETURN NULL;
END
$$;
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_notify();

-- Down Migration
DROP TRIGGER outbox_notify ON outbox;
DROP FUNCTION outbox_notify();
DROP TABLE outbox;
DROP TABLE comments;
DROP TABLE item_images;
DROP TABLE items;
DROP TABLE sellers;
DROP TABLE users;
