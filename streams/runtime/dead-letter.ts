/** Building the dead-letter record for a consumed message: the reason plus everything needed to replay it. */
import type { KafkaMessage } from 'kafkajs';
import type { SchemaTypes } from '../../schemas/types.generated.ts';

export function deadLetterFor(
  processor: string,
  source: { topic: string; partition: number; message: KafkaMessage },
  code: string,
  reason: string,
  failedAt: number,
): SchemaTypes['dead-letter'] {
  const headers: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(source.message.headers ?? {})) {
    if (value === undefined) continue;
    headers[name] = Buffer.isBuffer(value)
      ? value
      : Buffer.from(Array.isArray(value) ? value.join(',') : String(value));
  }
  return {
    sourceTopic: source.topic,
    partition: source.partition,
    offset: Number(source.message.offset),
    processor,
    errorCode: code,
    errorMessage: reason.slice(0, 2000),
    key: source.message.key ?? null,
    value: source.message.value ?? null,
    headers,
    failedAt,
  };
}
