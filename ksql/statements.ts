/**
 * Reads the ksqlDB statements of this folder far enough to check them against the platform's
 * contracts: which topic each source reads (it must be declared in schemas/topics.ts), which topic
 * each derived stream or table writes (it must not be a platform topic), and every column path a
 * query uses (`alias.column->field->field`, resolved through the source topic's Avro schema).
 *
 * This is not a ksqlDB parser. It relies on conventions the statements here follow, and the test
 * enforces them: one statement per `;`, an alias on every relation, every column reference
 * qualified by its relation's alias, and `AS <name>` on every projected column.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type avro from 'avsc';
import { latest } from '../schemas/catalog.ts';
import { topics } from '../schemas/topics.ts';

export const ksqlDir = new URL('.', import.meta.url).pathname;

/** A column's type as far as the checker needs it: an Avro type to navigate, or opaque. */
type ColumnType = avro.Type | 'opaque';

export interface Relation {
  name: string;
  kind: 'stream' | 'table';
  topic: string;
  /** Sources read a platform topic; derived relations are written by a query. */
  derived: boolean;
  columns: Map<string, ColumnType>;
}

export interface Statement {
  file: string;
  text: string;
}

/** Every statement of the `.sql` files in `dir`, in file-name order (the order to run them in). */
export function readStatements(dir = ksqlDir): Statement[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .flatMap((file) =>
      readFileSync(join(dir, file), 'utf8')
        .replace(/--[^\n]*/g, '')
        .split(';')
        .map((text) => text.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .map((text) => ({ file, text })),
    );
}

const topicSchemas = new Map<string, avro.Type>(
  Object.values(topics).map((topic) => [topic.name, latest(topic.schema).type]),
);

/** The fields of a record type, looking through `["null", record]` unions. */
function recordFields(type: avro.Type): Map<string, avro.Type> | undefined {
  const candidates = type.typeName.startsWith('union') ? (type as avro.types.UnionType).types : [type];
  const record = candidates.find((t) => t.typeName === 'record') as avro.types.RecordType | undefined;
  return record && new Map(record.fields.map((field) => [field.name.toUpperCase(), field.type]));
}

const CREATE =
  /^CREATE (STREAM|TABLE) (?:IF NOT EXISTS )?(\w+)(?: \(([^)]*)\))? WITH \(([^)]*)\)(?: AS (SELECT .*))?$/i;

/**
 * Checks the statements in order, building the relations they declare; returns every problem
 * found (an empty list when all is well) and the relations.
 */
export function checkStatements(statements: readonly Statement[]): {
  problems: string[];
  relations: Map<string, Relation>;
} {
  const problems: string[] = [];
  const relations = new Map<string, Relation>();
  for (const { file, text } of statements) {
    const where = `${file}: ${text.slice(0, 60)}…`;
    const match = CREATE.exec(text);
    if (!match) {
      problems.push(`${where}: not a CREATE STREAM/TABLE statement this checker understands`);
      continue;
    }
    const [, kind, name, keyColumns, properties, query] = match;
    const topic = /KAFKA_TOPIC\s*=\s*'([^']+)'/i.exec(properties!)?.[1];
    if (!topic) {
      problems.push(`${where}: names no KAFKA_TOPIC`);
      continue;
    }
    const relation: Relation = {
      name: name!.toUpperCase(),
      kind: kind!.toLowerCase() as Relation['kind'],
      topic,
      derived: query !== undefined,
      columns: new Map(),
    };
    for (const column of (keyColumns ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean)) {
      relation.columns.set(column.split(' ')[0]!.toUpperCase(), 'opaque');
    }
    if (query === undefined) {
      const schema = topicSchemas.get(topic);
      if (!schema) {
        problems.push(`${where}: reads ${topic}, which schemas/topics.ts does not declare`);
        continue;
      }
      for (const [field, type] of recordFields(schema) ?? []) relation.columns.set(field, type);
    } else {
      if (topicSchemas.has(topic) || !topic.startsWith('ksql.')) {
        problems.push(`${where}: writes ${topic}; derived topics must be new and start with "ksql."`);
      }
      problems.push(...checkQuery(where, query, relations, relation));
    }
    relations.set(relation.name, relation);
  }
  return { problems, relations };
}

/** Checks one query's relations and column paths; adds its projected columns to `output`. */
function checkQuery(
  where: string,
  query: string,
  relations: Map<string, Relation>,
  output: Relation,
): string[] {
  const problems: string[] = [];
  const aliases = new Map<string, Relation>();
  for (const [, relationName, alias] of query.matchAll(/\b(?:FROM|JOIN) (\w+) (\w+)/gi)) {
    const relation = relations.get(relationName!.toUpperCase());
    if (!relation) problems.push(`${where}: reads ${relationName}, which no earlier statement creates`);
    else aliases.set(alias!.toUpperCase(), relation);
  }
  const withoutStrings = query.replace(/'[^']*'/g, "''");
  for (const [reference, alias, column, path] of withoutStrings.matchAll(/\b(\w+)\.(\w+)((?:->\w+)*)/g)) {
    const relation = aliases.get(alias!.toUpperCase());
    if (!relation) {
      problems.push(`${where}: ${reference} uses ${alias}, which is not a relation alias of this query`);
      continue;
    }
    let type = relation.columns.get(column!.toUpperCase());
    if (type === undefined) {
      problems.push(`${where}: ${reference}: ${relation.name} has no column ${column}`);
      continue;
    }
    for (const field of path!.split('->').filter(Boolean)) {
      const fields = type === 'opaque' ? undefined : recordFields(type);
      const next = fields?.get(field.toUpperCase());
      if (!next) {
        problems.push(`${where}: ${reference}: no field ${field} there`);
        break;
      }
      type = next;
    }
  }
  // Arrow paths must start from a qualified column, or the checks above would not see them.
  for (const [path] of withoutStrings.matchAll(/(?<![.\w>])\w+->\w+/g)) {
    problems.push(`${where}: ${path} must be qualified with its relation's alias`);
  }
  const projection = /^SELECT (.*?) FROM /i.exec(query)?.[1] ?? '';
  for (const item of splitTopLevel(projection)) {
    const alias = / AS (\w+)$/i.exec(item)?.[1];
    if (!alias) problems.push(`${where}: "${item}" needs an AS <name>`);
    else output.columns.set(alias.toUpperCase(), 'opaque');
  }
  return problems;
}

/** Splits a select list on the commas that are not inside parentheses. */
function splitTopLevel(list: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of list) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      items.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim()) items.push(current.trim());
  return items;
}
