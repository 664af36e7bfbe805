/**
 * The accounts a load run acts as: one seller account per generated seller, and shopper accounts
 * for the generated users who write reviews, each registered through `POST /v1/auth/register` on
 * first use and kept signed in (the access token is refreshed before it expires, and once more
 * when the API answers 401).
 *
 * Registration costs the API one password hash (scrypt, about 0.3 s of CPU), so shopper accounts
 * are bounded: past `maxShoppers`, further generated users share the accounts already made (a
 * shared account reviewing an item twice gets the API's 409, which is counted like any failure).
 * E-mail addresses carry the run's tag, so runs never collide with each other.
 */
import { randomBytes } from 'node:crypto';
import type { ApiAnswer, ApiCall } from './api-client.ts';
import type { ApiCaller } from './api-caller.ts';
import type { Operation } from './api-requests.ts';

export type AccountRole = 'seller' | 'shopper';

/** Sign-ups in flight at once. */
const MAX_CONCURRENT_REGISTRATIONS = 2;

export interface Account {
  /** The generated id the account stands for (a seller id, a user id). */
  readonly key: string;
  readonly role: AccountRole;
  readonly email: string;
  readonly password: string;
  userId: string;
  accessToken: string;
  refreshToken: string;
  /** When the access token expires, epoch ms. */
  expiresAt: number;
  /** The renewal in flight: refresh tokens rotate, so two at once would look like theft to the API. */
  renewing?: Promise<boolean>;
}

export interface AccountsOptions {
  /** Part of every e-mail address, so that runs do not collide. */
  readonly runTag: string;
  /** Most shopper accounts registered. Default 200. */
  readonly maxShoppers?: number;
  /** Renew a token this long before it expires. Default 60 s. */
  readonly renewBeforeMs?: number;
  readonly now?: () => number;
}

interface TokenAnswer {
  user: { id: string };
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
}

function isTokenAnswer(body: unknown): body is TokenAnswer {
  const b = body as Partial<TokenAnswer> | undefined;
  return (
    typeof b?.user?.id === 'string' &&
    typeof b.accessToken === 'string' &&
    typeof b.refreshToken === 'string' &&
    typeof b.expiresIn === 'number'
  );
}

/** The address of a generated user's account in one run. */
export function accountEmail(role: AccountRole, key: string, runTag: string): string {
  return `${role}-${key}-${runTag}@loadgen.example.com`.toLowerCase();
}

export class ApiAccounts {
  private readonly sellers = new Map<string, Promise<Account | undefined>>();
  private readonly shoppers = new Map<string, Promise<Account | undefined>>();
  /** Registered shopper accounts, in order, for sharing once the bound is reached. */
  private readonly shopperAccounts: Account[] = [];
  private readonly knownShoppers = new Map<string, Account>();
  private registeredSellers = 0;
  private registering = 0;
  private readonly registrationQueue: (() => void)[] = [];
  private readonly maxShoppers: number;
  private readonly renewBeforeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly caller: ApiCaller,
    private readonly options: AccountsOptions,
  ) {
    this.maxShoppers = options.maxShoppers ?? 200;
    this.renewBeforeMs = options.renewBeforeMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The account of a generated seller, registered on first use; undefined when that failed. */
  seller(sellerId: string): Promise<Account | undefined> {
    let account = this.sellers.get(sellerId);
    if (!account) {
      account = this.register('seller', sellerId).then((registered) => {
        if (registered) this.registeredSellers += 1;
        return registered;
      });
      this.sellers.set(sellerId, account);
    }
    return account;
  }

  /** The account a generated user acts as, registered on first use while under the bound. */
  shopper(userId: string): Promise<Account | undefined> {
    let account = this.shoppers.get(userId);
    if (!account) {
      account =
        this.shoppers.size < this.maxShoppers
          ? this.register('shopper', userId).then((registered) => {
              if (registered) this.shopperAccounts.push(registered);
              return registered;
            })
          : Promise.resolve(this.sharedShopper(userId));
      this.shoppers.set(userId, account);
      void account.then((resolved) => resolved && this.knownShoppers.set(userId, resolved));
    }
    return account;
  }

  /** The shopper account a generated user already has, without registering one (for beacons). */
  knownShopper(userId: string): Account | undefined {
    return this.knownShoppers.get(userId);
  }

  /** Accounts registered so far. */
  get registered(): { sellers: number; shoppers: number } {
    return { sellers: this.registeredSellers, shoppers: this.shopperAccounts.length };
  }

  /**
   * Makes `call` as `account` (anonymously when undefined): renews a token about to expire, and
   * on 401 renews it and tries once more.
   */
  async call(
    account: Account | undefined,
    operation: Operation,
    call: Omit<ApiCall, 'token'>,
    what?: string,
  ): Promise<ApiAnswer> {
    if (!account) return this.caller.call(operation, call, what);
    if (account.expiresAt - this.now() < this.renewBeforeMs) await this.renew(account);
    const answer = await this.caller.call(operation, { ...call, token: account.accessToken }, what);
    if (answer.status !== 401 || !(await this.renew(account))) return answer;
    return this.caller.call(operation, { ...call, token: account.accessToken }, what);
  }

  private sharedShopper(userId: string): Account | undefined {
    if (this.shopperAccounts.length === 0) return undefined;
    let hash = 0;
    for (let i = 0; i < userId.length; i += 1) hash = (Math.imul(hash, 31) + userId.charCodeAt(i)) >>> 0;
    return this.shopperAccounts[hash % this.shopperAccounts.length];
  }

  private async register(role: AccountRole, key: string): Promise<Account | undefined> {
    // The API hashes each password with scrypt (about 128 MiB and 0.3 s of CPU): a few sign-ups
    // at a time keep a load's start from taking the API's memory and both cores.
    while (this.registering >= MAX_CONCURRENT_REGISTRATIONS) {
      await new Promise<void>((resolve) => this.registrationQueue.push(resolve));
    }
    this.registering += 1;
    try {
      return await this.registerNow(role, key);
    } finally {
      this.registering -= 1;
      this.registrationQueue.shift()?.();
    }
  }

  private async registerNow(role: AccountRole, key: string): Promise<Account | undefined> {
    const email = accountEmail(role, key, this.options.runTag);
    const password = randomBytes(18).toString('base64url');
    const answer = await this.caller.call(
      'register',
      { method: 'POST', path: '/v1/auth/register', body: { email, password, role } },
      email,
    );
    // A 409 (taken) is a run with the same tag whose password is lost with it: counted, not retried.
    if (!isTokenAnswer(answer.body)) return undefined;
    return { key, role, email, password, ...this.tokens(answer.body) };
  }

  /** A fresh access token: by the refresh token, or by logging in again when that fails. */
  private renew(account: Account): Promise<boolean> {
    account.renewing ??= (async () => {
      try {
        const refreshed = await this.caller.call(
          'refresh',
          { method: 'POST', path: '/v1/auth/refresh', body: { refreshToken: account.refreshToken } },
          account.email,
        );
        if (isTokenAnswer(refreshed.body)) return this.apply(account, refreshed.body);
        const login = await this.caller.call(
          'login',
          {
            method: 'POST',
            path: '/v1/auth/login',
            body: { email: account.email, password: account.password },
          },
          account.email,
        );
        return isTokenAnswer(login.body) ? this.apply(account, login.body) : false;
      } finally {
        account.renewing = undefined;
      }
    })();
    return account.renewing;
  }

  private apply(account: Account, answer: TokenAnswer): true {
    Object.assign(account, this.tokens(answer));
    return true;
  }

  private tokens(
    answer: TokenAnswer,
  ): Pick<Account, 'userId' | 'accessToken' | 'refreshToken' | 'expiresAt'> {
    return {
      userId: answer.user.id,
      accessToken: answer.accessToken,
      refreshToken: answer.refreshToken,
      expiresAt: this.now() + answer.expiresIn * 1000,
    };
  }
}
