/**
 * Test support for processors: an in-memory TableReader that applies a processor's own table
 * declarations (secondary indexes, isDeleted) the way the runtime's global tables do, and a
 * context builder. Processors are tested with plain values; this keeps those values honest.
 */
import type { ProcessorContext, TableDeclaration, TableReader } from '../runtime/processor.ts';

export interface TestTables extends TableReader {
  /**
   * Applies one record of a table's topic: stores `value` under `key`, or removes the row when the
   * declaration's isDeleted says so or `value` is null (a tombstone).
   */
  put(table: string, key: string, value: unknown): void;
}

/**
 * Tables for the given declarations, optionally filled with rows (`{ table: [[key, value], …] }`).
 *
 * @example
 * const tables = createTestTables(enrichItems.tables ?? [], { sellers: [[seller.id, sellerChanged]] });
 * tables.get('sellers', seller.id); // sellerChanged
 */
export function createTestTables(
  declarations: readonly TableDeclaration[],
  rows: Readonly<Record<string, readonly (readonly [string, unknown])[]>> = {},
): TestTables {
  const byName = new Map(declarations.map((declaration) => [declaration.name, declaration]));
  const data = new Map(declarations.map((declaration) => [declaration.name, new Map<string, unknown>()]));

  const table = (name: string): { declaration: TableDeclaration; rows: Map<string, unknown> } => {
    const declaration = byName.get(name);
    const tableRows = data.get(name);
    if (declaration === undefined || tableRows === undefined) {
      // A processor reading a table it did not declare would get nothing from the real runtime.
      throw new Error(
        `table "${name}" is not declared (declared: ${[...byName.keys()].join(', ') || 'none'})`,
      );
    }
    return { declaration, rows: tableRows };
  };

  const tables: TestTables = {
    put(name, key, value) {
      const { declaration, rows: tableRows } = table(name);
      if (value === null || declaration.isDeleted?.(value) === true) tableRows.delete(key);
      else tableRows.set(key, value);
    },
    get<V>(name: string, key: string): V | undefined {
      return table(name).rows.get(key) as V | undefined;
    },
    lookup<V>(name: string, index: string, value: string): V[] {
      const { declaration, rows: tableRows } = table(name);
      const indexOf = declaration.indexes?.[index];
      if (indexOf === undefined) throw new Error(`table "${name}" has no index "${index}"`);
      return [...tableRows.values()].filter((row) => indexOf(row) === value) as V[];
    },
  };
  for (const [name, entries] of Object.entries(rows)) {
    for (const [key, value] of entries) tables.put(name, key, value);
  }
  return tables;
}

/**
 * A processor context for one input record; `tables` defaults to empty tables.
 *
 * @example
 * processor.process(record, testContext({ topic: topics.sellers.name, tables }));
 */
export function testContext(overrides: Partial<ProcessorContext> = {}): ProcessorContext {
  return {
    topic: 'shop.test',
    partition: 0,
    offset: '0',
    timestamp: Date.UTC(2026, 10, 25, 12, 0, 0),
    tables: createTestTables([]),
    ...overrides,
  };
}
