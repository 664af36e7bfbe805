/**
 * Writes the golden fixtures of each schema's newest version from samples.ts, once: an existing
 * fixture is never rewritten, because its bytes are the record that every later version must keep
 * decoding. Run after adding a schema version: `npm run schemas:fixtures`.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { latest, schemaNames, schemasDir } from './catalog.ts';
import { samples } from './samples.ts';

for (const name of schemaNames) {
  const version = latest(name);
  if (existsSync(version.fixtureAvroPath)) continue;
  const sample = samples[name];
  writeFileSync(
    version.fixtureJsonPath,
    `${JSON.stringify(JSON.parse(version.type.toString(sample)), null, 2)}\n`,
  );
  writeFileSync(version.fixtureAvroPath, version.type.toBuffer(sample));
  console.log(`wrote ${relative(schemasDir, version.fixtureJsonPath)} and .avro`);
}
