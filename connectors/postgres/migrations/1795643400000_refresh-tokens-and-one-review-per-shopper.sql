-- Sessions and the one-review rule of the REST API (issue 5).

-- Up Migration

-- Refresh tokens (api/auth/refresh-tokens.ts). The token itself is 32 random bytes the client
-- holds; only its SHA-256 is stored, so a copy of this table signs nobody in. Each use rotates the
-- token: the old row is marked used and a new row of the same family is inserted. A used token
-- presented again means two parties hold it (theft), so the whole family is revoked.
CREATE TABLE refresh_tokens (
  token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- Every token descended by rotation from one login shares its family id.
  family_id  uuid NOT NULL,
  expires_at timestamptz NOT NULL,
  -- Set when the token was exchanged for its successor.
  used_at    timestamptz,
  -- Set on the whole family at logout or when reuse was detected.
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family_id_idx ON refresh_tokens (family_id);
-- Housekeeping deletes a user's expired rows at each login.
CREATE INDEX refresh_tokens_user_id_idx ON refresh_tokens (user_id, expires_at);

-- One live review per shopper per item: the API answers a second one with 409. Deleted reviews
-- (soft-deleted, kept for the events' history) do not count, so a shopper may review again.
CREATE UNIQUE INDEX comments_one_live_review_key ON comments (item_id, author_id) WHERE deleted_at IS NULL;

-- Down Migration
DROP INDEX comments_one_live_review_key;
DROP TABLE refresh_tokens;
