/**
 * The time macros of Grafana's ClickHouse datasource (grafana-clickhouse-datasource v4), expanded
 * exactly as the plugin's backend expands them (pkg/macros/macros.go, through sqlds' Interpolate),
 * so a test can run a panel's SQL as Grafana would send it.
 *
 * Only the macros the dashboards use are implemented; any other `$__name` is left as it is, like
 * the plugin does, and ClickHouse then refuses the query. Deliberately absent: `$__timeInterval`
 * (it expands to toStartOfInterval, which ClickHouse 18.16 lacks) and the `_ms` variants (they
 * expand to DateTime64, which 18.16 lacks too).
 *
 * | macro | expands to |
 * | --- | --- |
 * | `$__timeFilter(col)` | `col >= toDateTime(<from s>) AND col <= toDateTime(<to s>)` |
 * | `$__dateFilter(col)` | `col >= toDate('<from day>') AND col <= toDate('<to day>')` |
 * | `$__fromTime`, `$__toTime` | `toDateTime(<from s>)`, `toDateTime(<to s>)` |
 * | `$__interval_s` | the panel's interval in whole seconds, at least 1 |
 *
 * Seconds are epoch seconds (Go's `time.Unix()`, i.e. floored); days are the UTC calendar days of
 * the range's ends (Go formats the plugin's `time.Time` in its process's zone: UTC in Grafana's image).
 */

/** What the plugin knows about a query when it expands the macros. */
export interface MacroContext {
  /** The dashboard's time range, epoch milliseconds. */
  from: number;
  to: number;
  /** The panel's interval (Grafana's `$__interval`), milliseconds. */
  intervalMs: number;
}

type Macro = (context: MacroContext, args: readonly string[]) => string;

function dateTime(epochMs: number): string {
  return `toDateTime(${Math.floor(epochMs / 1000)})`;
}

function date(epochMs: number): string {
  return `toDate('${new Date(epochMs).toISOString().slice(0, 10)}')`;
}

function oneArgument(name: string, macro: (context: MacroContext, column: string) => string): Macro {
  return (context, args) => {
    if (args.length !== 1) {
      throw new Error(`$__${name}: expected 1 argument, received ${args.length}`);
    }
    return macro(context, args[0]!);
  };
}

const macros: Readonly<Record<string, Macro>> = {
  timeFilter: oneArgument(
    'timeFilter',
    (c, column) => `${column} >= ${dateTime(c.from)} AND ${column} <= ${dateTime(c.to)}`,
  ),
  dateFilter: oneArgument(
    'dateFilter',
    (c, column) => `${column} >= ${date(c.from)} AND ${column} <= ${date(c.to)}`,
  ),
  fromTime: (c) => dateTime(c.from),
  toTime: (c) => dateTime(c.to),
  interval_s: (c) => String(Math.trunc(Math.max(c.intervalMs / 1000, 1))),
};

/** The macro names this module expands (without `$__`). */
export const supportedMacros: readonly string[] = Object.keys(macros);

/**
 * Parses the bracketed argument list at the start of `text`, as sqlds' parseArgs does: nested
 * brackets are kept in the argument, commas at the top level separate arguments, each argument is
 * trimmed. Returns no arguments and length 0 when `text` does not start with `(`.
 */
function parseArguments(text: string): { args: string[]; length: number } {
  if (!text.startsWith('(')) return { args: [], length: 0 };
  const args: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (char === '(') {
      depth += 1;
      if (depth === 1) continue;
    } else if (char === ')') {
      depth -= 1;
      if (depth === 0) {
        args.push(current.trim());
        return { args, length: i + 1 };
      }
    } else if (char === ',' && depth === 1) {
      args.push(current.trim());
      current = '';
      continue;
    }
    current += char;
  }
  throw new Error('failed to parse macro arguments (missing close bracket?)');
}

/**
 * Expands the plugin's macros in `sql`.
 *
 * @example
 * expandClickHouseMacros('SELECT count() FROM activity WHERE $__timeFilter(occurred_at)', {
 *   from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 0, 2), intervalMs: 60_000,
 * });
 * // 'SELECT count() FROM activity WHERE occurred_at >= toDateTime(1767225600) AND occurred_at <= toDateTime(1767312000)'
 */
export function expandClickHouseMacros(sql: string, context: MacroContext): string {
  let expanded = '';
  let rest = sql;
  // `\b` as in sqlds' `\$__name\b`: `$__timeFilter_ms` is its own macro, not `$__timeFilter` + `_ms`.
  const pattern = /\$__(\w+)/;
  for (let match = pattern.exec(rest); match; match = pattern.exec(rest)) {
    const name = match[1]!;
    const macro = Object.hasOwn(macros, name) ? macros[name] : undefined;
    expanded += rest.slice(0, match.index);
    rest = rest.slice(match.index + match[0].length);
    if (!macro) {
      expanded += match[0];
      continue;
    }
    const { args, length } = parseArguments(rest);
    expanded += macro(context, args);
    rest = rest.slice(length);
  }
  return expanded + rest;
}
