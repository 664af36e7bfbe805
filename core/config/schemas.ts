/** Validators for the kinds of values settings hold. Messages are written for the person reading the error. */
import { z } from 'zod';

export const port = z.coerce
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(1, { error: 'must be a TCP port between 1 and 65535' })
  .max(65535, { error: 'must be a TCP port between 1 and 65535' });

export const positiveInt = z.coerce
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .positive({ error: 'must be greater than 0' });

export const nonNegativeInt = z.coerce
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(0, { error: 'must be 0 or more' });

export const text = z.string().min(1, { error: 'must not be empty' });

export const absolutePath = z.string().refine((value) => value.startsWith('/'), {
  error: 'must be an absolute path',
});

export const httpUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  },
  { error: 'must be an http:// or https:// URL' },
);

export const urlWithProtocol = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { error: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

/** `host:port[,host:port...]` as Kafka clients take it. */
export const brokerList = z
  .string()
  .transform((value) => value.split(',').map((entry) => entry.trim()))
  .refine((entries) => entries.every((entry) => /^[^\s:]+:\d{1,5}$/.test(entry)), {
    error: 'must be a comma-separated list of host:port',
  });

export const boolean = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1');

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
  error: 'must be one of fatal, error, warn, info, debug, trace, silent',
});

/** Any string, empty allowed (an unset password). */
export const optionalText = z.string();

/** A positive whole number, or empty for "use the default". */
export const optionalPositiveInt = z
  .string()
  .refine((value) => value === '' || (/^\d+$/.test(value) && Number(value) > 0), {
    error: 'must be a whole number greater than 0, or empty',
  })
  .transform((value) => (value === '' ? undefined : Number(value)));

/** A comma-separated list, or empty for "use the default". */
export const optionalList = z.string().transform((value) => {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
});

/** An index or alias name both Elasticsearch and OpenSearch accept. */
export const indexName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'must be lowercase letters, digits, ".", "_" or "-"' });

/** An S3 bucket name (3-63 lowercase letters, digits, dots and hyphens). */
export const bucketName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: 'must be a valid S3 bucket name' });
