/**
 * Splitting one partition's slice of a batch into script runs of bounded size.
 *
 * Redis has no practical limit on a script's argument count (ARGV is a Lua table, filled without
 * the Lua stack; only the 512 MB bulk and 1 GB query-buffer limits apply), but a script blocks the
 * whole server while it runs, and past `lua-time-limit` (5 s) every other client is answered BUSY.
 * So a slice is cut into chunks of at most `maxOperations` operations and `maxBytes` of arguments,
 * each run as its own script that stores its own last offset - still exactly once, since every
 * chunk is atomic with the offset it covers, and chunks of a partition run one after another.
 */

export interface ChunkLimits {
  maxOperations: number;
  maxBytes: number;
}

export interface SliceEntry<Op> {
  offset: string;
  /** Undefined for a record that asks nothing of Redis: it only moves the offset. */
  operation: Op | undefined;
}

export interface Chunk<Op> {
  operations: Op[];
  /** The offset of the chunk's last record, stored with it (a record without operation included). */
  lastOffset: string;
}

/**
 * Cuts `entries` (in offset order) into chunks within `limits`; `bytesOf` sizes an operation.
 * An operation larger than `maxBytes` alone gets a chunk of its own rather than none.
 *
 * @example
 * chunkSlice(entries, { maxOperations: 500, maxBytes: 1 << 20 }, (op) => op.bytes);
 */
export function chunkSlice<Op>(
  entries: readonly SliceEntry<Op>[],
  limits: ChunkLimits,
  bytesOf: (op: Op) => number,
): Chunk<Op>[] {
  const chunks: Chunk<Op>[] = [];
  let operations: Op[] = [];
  let bytes = 0;
  let lastOffset: string | undefined;
  for (const { offset, operation } of entries) {
    if (operation !== undefined) {
      const size = bytesOf(operation);
      if (
        operations.length > 0 &&
        (operations.length >= limits.maxOperations || bytes + size > limits.maxBytes)
      ) {
        chunks.push({ operations, lastOffset: lastOffset! });
        operations = [];
        bytes = 0;
      }
      operations.push(operation);
      bytes += size;
    }
    lastOffset = offset;
  }
  if (lastOffset !== undefined) chunks.push({ operations, lastOffset });
  return chunks;
}
