/**
 * A global table: a compacted topic read in full into memory on every instance, kept up to date in
 * the background, with secondary indexes for foreign-key joins. `start()` is the readiness
 * barrier: it resolves only once the table has caught up with the end offsets the topic had when
 * it started, so no record is joined against a half-loaded table.
 *
 * Each instance reads every partition, so the table uses a consumer group of its own per instance
 * (kafkajs has no manual partition assignment) and never commits offsets: it rebuilds from the
 * beginning at each start, which compaction keeps short.
 *
 * Transaction markers occupy offsets but are never delivered, so a partition whose last write was
 * a transaction ends one offset past its last record; caught up therefore means within one offset
 * of the end. If markers of several aborted transactions trail a partition, the barrier also lifts
 * after a quiet period with nothing left to read, and says so in the log.
 */
import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import type { Logger } from '../../core/log/index.ts';
import type { AvroSerde } from '../../core/events/avro-serde.ts';
import type { TableDeclaration } from './processor.ts';

const QUIET_MS = 3_000;

export class GlobalTable<V = unknown> {
  private readonly rows = new Map<string, V>();
  private readonly indexes = new Map<string, Map<string, Set<string>>>();
  private consumer: Consumer | undefined;

  constructor(
    readonly declaration: TableDeclaration<V>,
    private readonly kafka: Kafka,
    private readonly serde: AvroSerde,
    private readonly owner: string,
    private readonly log: Logger,
    private readonly onChange: (rows: number) => void = () => {},
  ) {
    for (const name of Object.keys(declaration.indexes ?? {})) this.indexes.set(name, new Map());
  }

  get size(): number {
    return this.rows.size;
  }

  get(key: string): V | undefined {
    return this.rows.get(key);
  }

  lookup(index: string, value: string): V[] {
    const keys = this.indexes.get(index)?.get(value);
    if (!keys) return [];
    return [...keys].map((key) => this.rows.get(key)).filter((row): row is V => row !== undefined);
  }

  async start(): Promise<void> {
    const { topic } = this.declaration;
    const admin = this.kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(topic.name);
    await admin.disconnect();
    const pending = new Map(
      ends.filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, Number(p.high)] as const),
    );

    this.consumer = this.kafka.consumer({
      groupId: `${this.owner}.table.${this.declaration.name}.${randomUUID()}`,
      readUncommitted: false,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: topic.name, fromBeginning: true });

    let lastRecordAt = Date.now();
    let markReady: () => void = () => {};
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    if (pending.size === 0) markReady();

    await this.consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          await this.apply(message.key?.toString() ?? '', message.value);
        }
        lastRecordAt = Date.now();
        const end = pending.get(batch.partition);
        if (end !== undefined && Number(batch.lastOffset()) + 2 >= end) {
          pending.delete(batch.partition);
          if (pending.size === 0) markReady();
        }
        this.onChange(this.rows.size);
      },
    });

    const quiet = setInterval(() => {
      if (pending.size > 0 && Date.now() - lastRecordAt > QUIET_MS) {
        this.log.warn(
          { table: this.declaration.name, partitions: [...pending.keys()] },
          'table reached no end offset but has been quiet: trailing transaction markers; treating it as loaded',
        );
        pending.clear();
        markReady();
      }
    }, 500);
    await ready;
    clearInterval(quiet);
    this.log.info({ table: this.declaration.name, rows: this.rows.size }, 'table loaded');
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  /** Applies one record; exposed for tests that build tables without a broker. */
  async apply(key: string, bytes: Buffer | null): Promise<void> {
    if (bytes === null) return this.remove(key); // tombstone
    let value: V;
    try {
      value = await this.serde.decode<V>(this.declaration.topic.schema, bytes);
    } catch (error) {
      // A record the table cannot read is skipped, not fatal: the processor that wrote it
      // dead-letters its own failures; a table only mirrors.
      this.log.warn({ table: this.declaration.name, key, err: error }, 'skipping undecodable table record');
      return;
    }
    if (this.declaration.isDeleted?.(value)) return this.remove(key);
    this.remove(key);
    this.rows.set(key, value);
    for (const [name, indexOf] of Object.entries(this.declaration.indexes ?? {})) {
      const indexed = indexOf(value);
      if (indexed === undefined) continue;
      const index = this.indexes.get(name)!;
      let keys = index.get(indexed);
      if (!keys) index.set(indexed, (keys = new Set()));
      keys.add(key);
    }
  }

  private remove(key: string): void {
    const old = this.rows.get(key);
    if (old === undefined) return;
    this.rows.delete(key);
    for (const [name, indexOf] of Object.entries(this.declaration.indexes ?? {})) {
      const indexed = indexOf(old);
      if (indexed !== undefined) this.indexes.get(name)!.get(indexed)?.delete(key);
    }
  }
}
