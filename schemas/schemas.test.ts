import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type avro from 'avsc';
import { latest, schemaNames, schemasDir, versionsOf } from './catalog.ts';
import { generateTypes } from './generate-types.ts';
import { samples } from './samples.ts';
import { allTopics, valueSubject } from './topics.ts';

type Json = Record<string, unknown>;

/** Every record field and enum in a schema, with the path that leads to it. */
function walk(
  schema: avro.Schema,
  visit: (node: Json, path: string) => void,
  path = '',
  seen = new Set<string>(),
): void {
  if (typeof schema === 'string') return;
  if (Array.isArray(schema)) return schema.forEach((branch) => walk(branch, visit, path, seen));
  const node = schema as Json;
  if (typeof node.name === 'string' && (node.type === 'record' || node.type === 'enum')) {
    if (seen.has(node.name)) return;
    seen.add(node.name);
  }
  visit(node, path);
  if (node.type === 'record') {
    for (const field of node.fields as Json[])
      walk(field.type as avro.Schema, visit, `${path}.${field.name as string}`, seen);
  } else if (node.type === 'array') walk(node.items as avro.Schema, visit, `${path}[]`, seen);
  else if (node.type === 'map') walk(node.values as avro.Schema, visit, `${path}{}`, seen);
}

describe('schemas', () => {
  for (const name of schemaNames) {
    describe(name, () => {
      const versions = versionsOf(name);

      it('documents every field, names a namespace, gives enums a default and optional fields null', () => {
        for (const version of versions) {
          walk(version.definition, (node, path) => {
            if (node.type === 'record') {
              assert.ok(
                node.namespace || String(node.name).includes('.'),
                `${name} v${version.version}${path}: no namespace`,
              );
              assert.ok(node.doc, `${name} v${version.version}${path}: record without doc`);
              for (const field of node.fields as Json[]) {
                assert.ok(
                  field.doc,
                  `${name} v${version.version}${path}.${field.name as string}: field without doc`,
                );
                const type = field.type;
                if (Array.isArray(type) && type[0] === 'null') {
                  assert.ok(
                    'default' in field && field.default === null,
                    `${path}.${field.name as string}: optional without null default`,
                  );
                }
              }
            }
            if (node.type === 'enum')
              assert.ok(node.default, `${name}${path}: enum ${node.name as string} has no default symbol`);
          });
        }
      });

      it('keeps a golden fixture for every published version', () => {
        for (const version of versions) {
          assert.ok(
            existsSync(version.fixtureAvroPath),
            `${name} v${version.version} has no fixture: npm run schemas:fixtures`,
          );
          const bytes = readFileSync(version.fixtureAvroPath);
          const expected = version.type.fromString(readFileSync(version.fixtureJsonPath, 'utf8'));
          assert.deepEqual(version.type.toBuffer(expected), bytes, 'fixture bytes and JSON disagree');
        }
      });

      it('decodes every old fixture with the current schema (BACKWARD compatible)', () => {
        const current = latest(name);
        for (const old of versions) {
          // createResolver throws when the current schema cannot read data written with the old one.
          const resolver = current.type.createResolver(old.type);
          const decoded = current.type.fromBuffer(readFileSync(old.fixtureAvroPath), resolver);
          assert.ok(
            current.type.isValid(decoded),
            `${name} v${old.version} fixture does not decode as v${current.version}`,
          );
        }
      });

      it('accepts its sample record', () => {
        const errors: string[] = [];
        latest(name).type.isValid(samples[name], { errorHook: (path) => errors.push(path.join('.')) });
        assert.deepEqual(errors, []);
      });
    });
  }

  it('generates types.generated.ts from the schemas (run npm run schemas:types when this fails)', () => {
    const committed = readFileSync(join(schemasDir, 'types.generated.ts'), 'utf8');
    const format = (text: string) =>
      text
        .replace(/\s+/g, ' ')
        .replace(/,\s*([}\]])/g, '$1')
        .trim();
    assert.equal(format(committed), format(generateTypes()));
  });

  it('gives every topic a schema and a value subject by topic name', () => {
    const names = allTopics.map((t) => t.name);
    assert.equal(new Set(names).size, names.length);
    for (const topic of allTopics) {
      assert.ok(schemaNames.includes(topic.schema));
      assert.equal(valueSubject(topic.name), `${topic.name}-value`);
    }
  });
});
