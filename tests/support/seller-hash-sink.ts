/**
 * The smallest real sink, for testing the sink runtime itself (and the contract suite): the latest
 * version of each seller in one Redis hash, written with a compare-and-set on the version so it is
 * idempotent. Its `faults` make it fail in the ways real stores do, on chosen records.
 */
import { Redis } from 'ioredis';
import { allWritten, type Sink, type SinkRecord } from '../../connectors/sinks/runtime/sink.ts';
import { ErrorCodes, PlatformError } from '../../core/errors/index.ts';
import type { TopicDeclaration } from '../../schemas/topics.ts';
import type { SellerChanged } from '../../schemas/types.generated.ts';
import { testConfig } from './index.ts';

/** Sets field ARGV[1] to ARGV[3] unless the stored version (before the first '|') is ARGV[2] or more. */
const SET_IF_NEWER = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current and tonumber(string.match(current, '^(%d+)|')) >= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. ARGV[3])
return 1`;

export interface SellerHashSinkOptions {
  input: TopicDeclaration;
  /** The Redis hash written. */
  key: string;
  /** Sellers whose name starts with this are refused for good (a store's mapping error). */
  poisonPrefix?: string;
  /** The first N writes fail with a transient error (a store restarting). */
  transientFailures?: number;
  /** Every write's size, for checking batch bounds. */
  writeSizes?: number[];
}

export function createSellerHashSink(options: SellerHashSinkOptions): Sink<SellerChanged> {
  const redis = new Redis(testConfig().redis.url, { maxRetriesPerRequest: 1 });
  let transient = options.transientFailures ?? 0;
  return {
    name: 'seller-hash-sink',
    inputs: [options.input],
    async write(records: readonly SinkRecord<SellerChanged>[]) {
      options.writeSizes?.push(records.length);
      if (transient > 0) {
        transient -= 1;
        throw new PlatformError(ErrorCodes.SERVICE_UNAVAILABLE, 'store restarting', { retriable: true });
      }
      const poisoned = records.find(
        (r) => options.poisonPrefix && r.value.seller.name.startsWith(options.poisonPrefix),
      );
      if (poisoned)
        throw new PlatformError(ErrorCodes.WRITE_REJECTED, `cannot store ${poisoned.value.seller.name}`);
      const pipeline = redis.pipeline();
      for (const { value } of records) {
        pipeline.eval(SET_IF_NEWER, 1, options.key, value.seller.id, value.version, value.seller.name);
      }
      await pipeline.exec();
      return allWritten;
    },
    async close() {
      await redis.quit();
    },
  };
}
