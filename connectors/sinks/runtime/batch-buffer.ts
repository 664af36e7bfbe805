/**
 * The records a sink has consumed but not yet written: bounded by count and bytes, and aged by the
 * time its first record arrived. Pure bookkeeping (the clock is passed in), so the limits are unit-tested.
 */
import type { BatchLimits } from './sink.ts';

export class BatchBuffer<E> {
  private entries: E[] = [];
  private bytes = 0;
  private firstAt: number | undefined;

  constructor(private readonly limits: BatchLimits) {}

  get size(): number {
    return this.entries.length;
  }

  get sizeBytes(): number {
    return this.bytes;
  }

  add(entry: E, bytes: number, now: number): void {
    this.entries.push(entry);
    this.bytes += bytes;
    this.firstAt ??= now;
  }

  /** True once the buffer holds as many records or bytes as one batch may. */
  get full(): boolean {
    return this.entries.length >= this.limits.maxRecords || this.bytes >= this.limits.maxBytes;
  }

  /** When the first record's linger runs out (undefined: empty). */
  dueAt(): number | undefined {
    return this.firstAt === undefined ? undefined : this.firstAt + this.limits.lingerMs;
  }

  /** Takes everything buffered, leaving the buffer empty. */
  drain(): E[] {
    const drained = this.entries;
    this.entries = [];
    this.bytes = 0;
    this.firstAt = undefined;
    return drained;
  }
}
