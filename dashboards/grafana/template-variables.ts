/**
 * Dashboard variables (`$category`, `${category}`, `${category:singlequote}`) replaced the way
 * Grafana's frontend replaces them before a query reaches the datasource's backend (Grafana 11/12,
 * scenes' sceneInterpolator and formatRegistry):
 *
 * - "All" selected: the variable's custom all value when it has one, inserted as it is (never
 *   formatted); otherwise the list of every option's value, formatted like a multi-value selection.
 * - `${name:format}`: the named format. Implemented: `singlequote` (each value in single quotes,
 *   `'` escaped as `\'`, joined by `,`), `csv`, `raw`.
 * - No format: the datasource's own. The ClickHouse datasource formats a list as `'a','b'`
 *   (values not escaped) and a single value as it is; Prometheus' built-in interval variables
 *   are plain strings.
 * - A name that is not a variable is left as it is (so `$__timeFilter(...)` reaches the plugin).
 */

/** The value Grafana stores when "All" is selected. */
export const ALL = '$__all';

export interface VariableState {
  /** The selected value, or values of a multi-value variable; `ALL` (or `[ALL]`) for "All". */
  value: string | readonly string[];
  /** The variable's custom all value (`allValue` in the dashboard JSON). */
  allValue?: string;
  /** The value of every option: what "All" stands for without a custom all value. */
  options?: readonly string[];
}

export type Variables = Readonly<Record<string, VariableState>>;

/** How a datasource formats a value when the query names no format. */
export type DefaultFormat = (value: string | readonly string[]) => string;

/** grafana-clickhouse-datasource's format(): a list as `'a','b'`, a single value as it is. */
export const clickHouseDefaultFormat: DefaultFormat = (value) =>
  typeof value === 'string' ? value : `'${value.join("','")}'`;

const formats: Readonly<Record<string, DefaultFormat>> = {
  singlequote: (value) => {
    const quote = (v: string) => `'${v.replace(/'/g, "\\'")}'`;
    return typeof value === 'string' ? quote(value) : value.map(quote).join(',');
  },
  csv: (value) => (typeof value === 'string' ? value : value.join(',')),
  raw: (value) => String(value),
};

// Grafana's VARIABLE_REGEX: $name | [[name:format]] | ${name.fieldPath:format}
const VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;

function isAll(value: string | readonly string[]): boolean {
  return value === ALL || (typeof value !== 'string' && value[0] === ALL);
}

/**
 * Replaces the dashboard variables in `text`.
 *
 * @example
 * interpolateVariables("category_id IN (${category:singlequote})", { category: { value: ['a', "b'c"] } });
 * // "category_id IN ('a','b\\'c')"
 * interpolateVariables("x IN (${category:singlequote})", { category: { value: ALL, allValue: "'__all__'" } });
 * // "x IN ('__all__')"
 */
export function interpolateVariables(
  text: string,
  variables: Variables,
  defaultFormat: DefaultFormat = clickHouseDefaultFormat,
): string {
  return text.replace(VARIABLE, (match, name1, name2, format2, name3, _fieldPath, format3) => {
    const name = (name1 ?? name2 ?? name3) as string;
    const formatName = (format2 ?? format3) as string | undefined;
    const variable = Object.hasOwn(variables, name) ? variables[name] : undefined;
    if (!variable) return match;
    let value = variable.value;
    if (isAll(value)) {
      // Scenes' CustomAllValue: the custom all value skips formatting (text formats aside).
      if (variable.allValue !== undefined) return variable.allValue;
      value = variable.options ?? [];
    }
    if (formatName === undefined) return defaultFormat(value);
    const format = formats[formatName.split(':')[0]!];
    if (!format) throw new Error(`variable format "${formatName}" is not implemented here`);
    return format(value);
  });
}
