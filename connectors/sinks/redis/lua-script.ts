/**
 * A Lua script run by EVALSHA: Redis keeps scripts by their SHA-1, so each call sends 40 bytes
 * instead of the source. Loaded with SCRIPT LOAD at start-up (`load`), and again whenever Redis
 * answers NOSCRIPT (after a restart, a failover or SCRIPT FLUSH).
 */
import { createHash } from 'node:crypto';
import { ReplyError, type Redis } from 'ioredis';

export class LuaScript {
  readonly sha: string;

  constructor(
    readonly name: string,
    readonly source: string,
  ) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async load(redis: Redis): Promise<void> {
    await redis.script('LOAD', this.source);
  }

  /** Runs the script with `keys` as KEYS and `args` as ARGV. */
  async run(redis: Redis, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!isNoScript(error)) throw error;
      await this.load(redis);
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    }
  }
}

/** A reply error's code is its first word, by protocol (`NOSCRIPT No matching script…`). */
function isNoScript(error: unknown): boolean {
  return error instanceof ReplyError && (error as Error).message.startsWith('NOSCRIPT ');
}
