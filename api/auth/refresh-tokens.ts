/**
 * Refresh tokens: opaque, revocable, single-use. A token is 32 random bytes (base64url, 43
 * characters) that only the client holds; Postgres keeps its SHA-256 (`refresh_tokens`), so a
 * leaked table or backup signs nobody in. A plain hash, not scrypt: the token has 256 bits of
 * entropy, so there is nothing to guess, and a lookup by hash stays one index probe.
 *
 * Rotation: each use marks the token used and issues its successor in the same family (one family
 * per login). Expiry slides: the successor lives `refreshTokenTtlDays` from its own issue, so a
 * client that keeps using the API stays signed in and one that goes quiet for that long does not.
 *
 * Theft detection: a token that was already used is presented again only when two parties hold
 * it - the legitimate client and whoever copied it. We cannot tell which one is asking, so the
 * whole family is revoked and both must log in again. The same happens to a client that retries a
 * refresh whose answer it lost (or sends two at once): it is logged out, which is the safe side.
 *
 * Every decision is taken under the row's lock (SELECT ... FOR UPDATE), so two replicas racing on
 * one token serialise: exactly one rotates it, the other sees it used.
 *
 * @example
 * const token = await issueRefreshToken(pool, user.id, config.api);            // at login
 * const outcome = await rotateRefreshToken(pool, token, config.api);           // at /auth/refresh
 * if (outcome.kind === 'rotated') reply(outcome.user, outcome.token);
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { inTransaction } from '../../connectors/postgres/transaction.ts';
import type { Role } from '../http/env.ts';

const TOKEN_BYTES = 32;

export interface RefreshTokenOptions {
  refreshTokenTtlDays: number;
}

/** The account a refresh token signs in, as stored now (its role may have changed since login). */
export interface RefreshTokenUser {
  id: string;
  email: string;
  role: Role;
}

export type RotationOutcome =
  | { kind: 'rotated'; user: RefreshTokenUser; familyId: string; token: string }
  /** `reused` revoked the token's family (named, for the log); the others changed nothing. */
  | { kind: 'refused'; reason: 'unknown' | 'expired' | 'revoked' }
  | { kind: 'refused'; reason: 'reused'; userId: string; familyId: string };

/** A new random token (base64url of 32 random bytes). */
export function newRefreshToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** What is stored for `token`: its SHA-256 (of the string as sent, so any input hashes). */
export function refreshTokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * Stores a new token for `userId` in `familyId` (a new family by default: a login) and returns it.
 * Pass the transaction's client to issue it together with other writes.
 */
export async function issueRefreshToken(
  db: pg.Pool | pg.ClientBase,
  userId: string,
  options: RefreshTokenOptions,
  familyId: string = randomUUID(),
): Promise<string> {
  const token = newRefreshToken();
  await db.query(
    `INSERT INTO refresh_tokens (token_hash, user_id, family_id, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(days => $4))`,
    [refreshTokenHash(token), userId, familyId, options.refreshTokenTtlDays],
  );
  return token;
}

/**
 * Exchanges `token` for its successor. Refuses an unknown, expired or revoked token; a token used
 * before revokes its whole family (see the module comment) and is refused as `reused`.
 */
export async function rotateRefreshToken(
  pool: pg.Pool,
  token: string,
  options: RefreshTokenOptions,
): Promise<RotationOutcome> {
  // The outcome is returned, not thrown, so the transaction commits whatever it is: a detected
  // reuse must stay revoked.
  return inTransaction<RotationOutcome>(pool, async (client) => {
    const hash = refreshTokenHash(token);
    const { rows } = await client.query<{
      user_id: string;
      family_id: string;
      email: string;
      role: Role;
      used: boolean;
      revoked: boolean;
      expired: boolean;
    }>(
      `SELECT t.user_id, t.family_id, u.email, u.role,
              t.used_at IS NOT NULL AS used, t.revoked_at IS NOT NULL AS revoked, t.expires_at <= now() AS expired
         FROM refresh_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1
          FOR UPDATE OF t`,
      [hash],
    );
    const row = rows[0];
    if (!row) return { kind: 'refused', reason: 'unknown' };
    if (row.revoked) return { kind: 'refused', reason: 'revoked' };
    if (row.used) {
      // Checked before expiry: a copied token replayed late is still evidence of theft.
      await revokeFamily(client, row.family_id);
      return { kind: 'refused', reason: 'reused', userId: row.user_id, familyId: row.family_id };
    }
    if (row.expired) return { kind: 'refused', reason: 'expired' };
    await client.query('UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1', [hash]);
    const successor = await issueRefreshToken(client, row.user_id, options, row.family_id);
    return {
      kind: 'rotated',
      user: { id: row.user_id, email: row.email, role: row.role },
      familyId: row.family_id,
      token: successor,
    };
  });
}

/** Revokes the family of `token` (logout). False when the token is unknown. Idempotent. */
export async function revokeRefreshTokenFamily(pool: pg.Pool, token: string): Promise<boolean> {
  const { rows } = await pool.query<{ family_id: string }>(
    'SELECT family_id FROM refresh_tokens WHERE token_hash = $1',
    [refreshTokenHash(token)],
  );
  if (!rows[0]) return false;
  await revokeFamily(pool, rows[0].family_id);
  return true;
}

async function revokeFamily(db: pg.Pool | pg.ClientBase, familyId: string): Promise<void> {
  await db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [
    familyId,
  ]);
}

/**
 * Deletes `userId`'s tokens that expired more than a day ago (run at login, so the table does not
 * grow with every session ever opened). An expired token is refused whether or not its row
 * exists; the day of grace only keeps recent rows around for whoever investigates a reuse.
 */
export async function deleteExpiredRefreshTokens(db: pg.Pool | pg.ClientBase, userId: string): Promise<void> {
  await db.query(`DELETE FROM refresh_tokens WHERE user_id = $1 AND expires_at < now() - interval '1 day'`, [
    userId,
  ]);
}
