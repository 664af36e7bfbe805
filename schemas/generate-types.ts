/**
 * Derives TypeScript types from the latest version of every schema, so the types are never
 * written by hand. `npm run schemas:types` writes types.generated.ts; a test fails when that file
 * is out of date.
 *
 * Mapping: records → interfaces, enums → string unions, ["null", T] → T | null, long/int/double →
 * number (epoch milliseconds for timestamp-millis), bytes → Buffer, arrays → T[], maps → Record.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type avro from 'avsc';
import { latest, schemaNames, schemasDir } from './catalog.ts';

type Json = avro.Schema & Record<string, unknown>;

export function generateTypes(): string {
  const declarations = new Map<string, { fullName: string; text: string }>();

  function fullName(schema: Json, namespace: string | undefined): string {
    const name = schema.name as string;
    if (name.includes('.')) return name;
    const ns = (schema.namespace as string | undefined) ?? namespace;
    return ns ? `${ns}.${name}` : name;
  }

  function simple(full: string): string {
    return full.slice(full.lastIndexOf('.') + 1);
  }

  function doc(text: unknown, indent: string): string {
    return typeof text === 'string' ? `${indent}/** ${text.replace(/\*\//g, '* /')} */\n` : '';
  }

  function declare(full: string, text: string): void {
    const existing = declarations.get(simple(full));
    if (existing && existing.fullName !== full)
      throw new Error(`${full} and ${existing.fullName} share a name`);
    if (existing && existing.text !== text) throw new Error(`${full} is defined differently in two schemas`);
    declarations.set(simple(full), { fullName: full, text });
  }

  function typeOf(schema: avro.Schema, namespace: string | undefined): string {
    if (typeof schema === 'string') {
      switch (schema) {
        case 'null':
          return 'null';
        case 'boolean':
          return 'boolean';
        case 'int':
        case 'long':
        case 'float':
        case 'double':
          return 'number';
        case 'bytes':
          return 'Buffer';
        case 'string':
          return 'string';
        default:
          return simple(schema); // a reference to a named type
      }
    }
    if (Array.isArray(schema)) return schema.map((branch) => typeOf(branch, namespace)).join(' | ');
    const s = schema as Json;
    switch (s.type) {
      case 'record': {
        const full = fullName(s, namespace);
        const ns = full.slice(0, full.lastIndexOf('.')) || undefined;
        const fields = (s.fields as Json[])
          .map((f) => `${doc(f.doc, '  ')}  ${f.name as string}: ${typeOf(f.type as avro.Schema, ns)};`)
          .join('\n');
        declare(full, `${doc(s.doc, '')}export interface ${simple(full)} {\n${fields}\n}`);
        return simple(full);
      }
      case 'enum': {
        const full = fullName(s, namespace);
        const symbols = (s.symbols as string[]).map((symbol) => `'${symbol}'`).join(' | ');
        declare(full, `${doc(s.doc, '')}export type ${simple(full)} = ${symbols};`);
        return simple(full);
      }
      case 'array':
        return `Array<${typeOf(s.items as avro.Schema, namespace)}>`;
      case 'map':
        return `Record<string, ${typeOf(s.values as avro.Schema, namespace)}>`;
      case 'fixed':
        return 'Buffer';
      default:
        return typeOf(s.type as avro.Schema, namespace);
    }
  }

  const roots = schemaNames.map((name) => [name, typeOf(latest(name).definition, undefined)] as const);
  const body = [...declarations.values()].map((d) => d.text).join('\n\n');
  const index = roots.map(([name, type]) => `  '${name}': ${type};`).join('\n');
  return `// Generated from schemas/*/v<N>.avsc by schemas/generate-types.ts. Do not edit: run \`npm run schemas:types\`.

${body}

/** The record type of each schema, by schema name. */
export interface SchemaTypes {
${index}
}
`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  writeFileSync(join(schemasDir, 'types.generated.ts'), generateTypes());
  console.log('wrote schemas/types.generated.ts');
}
