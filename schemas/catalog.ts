/**
 * Every event schema of the platform, with all its published versions. The `.avsc` files are the
 * single source of truth; this module reads them, and `types.generated.ts` is derived from them
 * (`npm run schemas:types`).
 *
 * Layout: `schemas/<name>/v<N>.avsc` for each published version, `v<N>.fixture.json` a record of
 * that version in Avro's JSON encoding, and `v<N>.fixture.avro` the same record encoded once and
 * never rewritten (the golden bytes that every later version must still decode).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import avro from 'avsc';

export const schemasDir = fileURLToPath(new URL('.', import.meta.url));

export const schemaNames = [
  'item-changed',
  'seller-changed',
  'comment-changed',
  'user-activity',
  'normalised-item',
  'enriched-item',
  'scored-comment',
  'enriched-activity',
  'dead-letter',
] as const;

export type SchemaName = (typeof schemaNames)[number];

export interface SchemaVersion {
  name: SchemaName;
  version: number;
  /** The schema as JSON text, as registered. */
  text: string;
  definition: avro.Schema;
  type: avro.Type;
  fixtureJsonPath: string;
  fixtureAvroPath: string;
}

function parse(text: string): avro.Type {
  // Logical types stay plain (timestamps as epoch milliseconds, uuids as strings): what the
  // Confluent serializers of other languages produce and expect.
  return avro.Type.forSchema(JSON.parse(text) as avro.Schema);
}

const cache = new Map<SchemaName, SchemaVersion[]>();

/**
 * All published versions of one schema, oldest first. Read once per process: avsc resolvers are
 * bound to the Type instance that created them, so every caller must share the same instances.
 */
export function versionsOf(name: SchemaName): SchemaVersion[] {
  let versions = cache.get(name);
  if (!versions) cache.set(name, (versions = readVersions(name)));
  return versions;
}

function readVersions(name: SchemaName): SchemaVersion[] {
  const dir = join(schemasDir, name);
  return readdirSync(dir)
    .map((file) => /^v(\d+)\.avsc$/.exec(file))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => Number(match[1]))
    .sort((a, b) => a - b)
    .map((version) => {
      const text = readFileSync(join(dir, `v${version}.avsc`), 'utf8');
      return {
        name,
        version,
        text,
        definition: JSON.parse(text) as avro.Schema,
        type: parse(text),
        fixtureJsonPath: join(dir, `v${version}.fixture.json`),
        fixtureAvroPath: join(dir, `v${version}.fixture.avro`),
      };
    });
}

/** The newest version of a schema: what producers write and processors read with. */
export function latest(name: SchemaName): SchemaVersion {
  const versions = versionsOf(name);
  const last = versions.at(-1);
  if (!last) throw new Error(`schemas/${name} has no v<N>.avsc`);
  return last;
}

export function hasFixture(version: SchemaVersion): boolean {
  return existsSync(version.fixtureJsonPath);
}
