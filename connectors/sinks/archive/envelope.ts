/**
 * The record every archive file holds: one Kafka message, with the value decoded in the topic's
 * schema and everything else needed to put it back on a topic exactly as it was.
 *
 * The envelope schema is generated from the value schema, so a file is self-describing (its header
 * carries the full schema) and can be read without the registry, years later, by any Avro reader:
 *
 *   record <Schema>Envelope (namespace shop.archive) {
 *     offset: long, partition: int, timestamp: long (timestamp-millis),
 *     key: [null, string], headers: map<bytes>, value: <the topic's value schema>
 *   }
 */
import avro from 'avsc';
import { latest, versionsOf, type SchemaName, type SchemaVersion } from '../../../schemas/catalog.ts';

/** One archived Kafka message. */
export interface Envelope<V = unknown> {
  offset: number;
  partition: number;
  /** Epoch milliseconds. */
  timestamp: number;
  key: string | null;
  headers: Record<string, Buffer>;
  value: V;
}

export interface EnvelopeSchema {
  /** The value schema the envelope wraps. */
  value: SchemaVersion;
  /** The envelope schema as JSON: what a file's header carries. */
  definition: avro.Schema;
  type: avro.Type;
}

/** Metadata of every archive file (header) and object (x-amz-meta-*), stable names. */
export const archiveMetadata = {
  topic: 'eshop.topic',
  partition: 'eshop.partition',
  firstOffset: 'eshop.first_offset',
  lastOffset: 'eshop.last_offset',
  schema: 'eshop.schema',
} as const;

const NAMESPACE = 'shop.archive';

function pascalCase(name: string): string {
  return name.replace(/(^|-)([a-z])/gu, (_, _dash: string, letter: string) => letter.toUpperCase());
}

function buildEnvelope(value: SchemaVersion): EnvelopeSchema {
  const definition = {
    type: 'record',
    name: `${pascalCase(value.name)}Envelope`,
    namespace: NAMESPACE,
    doc: `One Kafka message of a ${value.name} topic, archived with its position and metadata.`,
    fields: [
      { name: 'offset', type: 'long', doc: 'Offset of the message in its partition.' },
      { name: 'partition', type: 'int' },
      {
        name: 'timestamp',
        type: { type: 'long', logicalType: 'timestamp-millis' },
        doc: 'The message timestamp.',
      },
      { name: 'key', type: ['null', 'string'], doc: 'The message key as UTF-8 (the entity id).' },
      { name: 'headers', type: { type: 'map', values: 'bytes' } },
      { name: 'value', type: value.definition },
    ],
  } as avro.Schema;
  // Logical types stay plain (timestamps as epoch milliseconds), like the catalogue's types.
  return { value, definition, type: avro.Type.forSchema(definition) };
}

const cache = new Map<string, EnvelopeSchema>();

/**
 * The envelope schema of one version of a value schema (the latest by default). Cached, so that
 * resolvers built from it are reused.
 */
export function envelopeSchema(name: SchemaName, version: number = latest(name).version): EnvelopeSchema {
  const cacheKey = `${name}/v${version}`;
  let envelope = cache.get(cacheKey);
  if (!envelope) {
    const value = versionsOf(name).find((v) => v.version === version);
    if (!value) throw new Error(`schemas/${name} has no v${version}.avsc`);
    cache.set(cacheKey, (envelope = buildEnvelope(value)));
  }
  return envelope;
}

/** `item-changed/v1`: how a file names the value schema it was written with (metadata `eshop.schema`). */
export function schemaLabel(version: Pick<SchemaVersion, 'name' | 'version'>): string {
  return `${version.name}/v${version.version}`;
}

/** The schema name and version of a `schemaLabel`, or undefined if it is not one. */
export function parseSchemaLabel(label: string): { name: string; version: number } | undefined {
  const match = /^(.+)\/v(\d+)$/u.exec(label);
  return match ? { name: match[1] as string, version: Number(match[2]) } : undefined;
}
