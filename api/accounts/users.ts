/**
 * Accounts in the system of record (`users`): creating one, finding one to log in, and the "who am
 * I" view. Shared by the register endpoint and `eshop users add`, so both store an account alike.
 * Account changes are not events (there is no users topic): nothing here writes the outbox.
 *
 * @example
 * const user = await insertUser(pool, { email: 'ann@shop.example', passwordHash, role: 'shopper' });
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import type { Role } from '../http/env.ts';
import { postgresError, sqlState, withPostgres } from '../http/postgres-errors.ts';

/** E-mail addresses are stored and compared in lower case (the unique index is on lower(email)). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface User {
  id: string;
  email: string;
  role: Role;
}

export interface NewUser {
  email: string;
  /** From hashPassword (api/auth/passwords.ts). */
  passwordHash: string;
  role: Role;
}

export const EMAIL_TAKEN = 'An account with this e-mail address already exists';

/** Inserts an account (the e-mail normalised); CONFLICT when the address is taken in any case. */
export async function insertUser(db: pg.Pool | pg.ClientBase, user: NewUser): Promise<User> {
  try {
    const { rows } = await db.query<User>(
      `INSERT INTO users (id, email, password_hash, role) VALUES ($1, $2, $3, $4)
       RETURNING id, email, role`,
      [randomUUID(), normaliseEmail(user.email), user.passwordHash, user.role],
    );
    return rows[0]!;
  } catch (error) {
    // users_email_key is the only unique key a new account can break (the id is fresh).
    if (sqlState(error) === '23505')
      throw new PlatformError(ErrorCodes.CONFLICT, EMAIL_TAKEN, { cause: error });
    throw postgresError(error, 'creating the account');
  }
}

export interface Credentials extends User {
  passwordHash: string;
}

/** The account registered under `email` (any case), with its password hash; undefined when none. */
export async function findCredentials(pool: pg.Pool, email: string): Promise<Credentials | undefined> {
  const { rows } = await withPostgres('looking up the account', () =>
    pool.query<Credentials>(
      `SELECT id, email, role, password_hash AS "passwordHash" FROM users WHERE lower(email) = $1`,
      [normaliseEmail(email)],
    ),
  );
  return rows[0];
}

export interface Account extends User {
  createdAt: string;
  /** The caller's seller page (the oldest live one), or null. */
  seller: { id: string; name: string } | null;
}

/** The account `id` with its seller page; undefined when the account no longer exists. */
export async function findAccount(pool: pg.Pool, id: string): Promise<Account | undefined> {
  const { rows } = await withPostgres('reading the account', () =>
    pool.query<{
      id: string;
      email: string;
      role: Role;
      created_at: Date;
      seller_id: string | null;
      seller_name: string | null;
    }>(
      `SELECT u.id, u.email, u.role, u.created_at, s.id AS seller_id, s.name AS seller_name
         FROM users u
         LEFT JOIN LATERAL (
           SELECT id, name FROM sellers
            WHERE owner_id = u.id AND deleted_at IS NULL
            ORDER BY created_at LIMIT 1
         ) s ON true
        WHERE u.id = $1`,
      [id],
    ),
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    createdAt: row.created_at.toISOString(),
    seller: row.seller_id ? { id: row.seller_id, name: row.seller_name! } : null,
  };
}
