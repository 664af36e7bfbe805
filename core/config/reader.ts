/**
 * Reads settings from an environment, validating each one, and remembers every setting it was
 * asked for so the CLI (`eshop config`) and the README can list them from the same declarations.
 *
 * Errors are collected, not thrown one by one: a newcomer with three typos sees all three at once.
 */
import type { z } from 'zod';

export interface SettingInfo {
  env: string;
  doc: string;
  default: string;
  value: string;
  secret: boolean;
}

export interface ReadOptions<T> {
  /** What the setting means; shown by `eshop config` and in errors. */
  doc: string;
  /** The default, as the string one would put in the environment. */
  default: string;
  schema: z.ZodType<T>;
  /** Hide the value in listings (passwords). */
  secret?: boolean;
}

export class SettingsReader {
  readonly settings: SettingInfo[] = [];
  readonly problems: string[] = [];

  constructor(private readonly env: Readonly<Record<string, string | undefined>>) {}

  read<T>(env: string, options: ReadOptions<T>): T {
    const raw = this.env[env];
    const text = raw === undefined || raw === '' ? options.default : raw;
    this.settings.push({
      env,
      doc: options.doc,
      default: options.default,
      value: text,
      secret: options.secret ?? false,
    });
    const parsed = options.schema.safeParse(text);
    if (parsed.success) return parsed.data;
    const shown = options.secret ? '<hidden>' : JSON.stringify(text);
    const reason = parsed.error.issues.map((issue) => issue.message).join('; ');
    this.problems.push(`${env}=${shown}: ${reason} (${options.doc})`);
    // Carry on with the default so settings derived from this one do not report the same typo
    // again; loadConfig() throws anyway once any problem was recorded.
    return options.schema.parse(options.default);
  }
}
