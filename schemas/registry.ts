/**
 * Registering the platform's schemas in a Confluent-compatible registry and checking new versions
 * against what is registered. Speaks the Confluent REST API, so it works with Confluent's registry
 * and with Apicurio's /apis/ccompat/v7 alike.
 */
import { ErrorCodes, PlatformError } from '../core/errors/index.ts';
import { registryRequest } from '../core/events/registry-http.ts';
import { latest, type SchemaName } from './catalog.ts';
import { allTopics, valueSubject } from './topics.ts';

export interface SubjectResult {
  subject: string;
  schema: SchemaName;
  version: number;
  /** register: the registry's schema id; check: whether the local schema is compatible. */
  id?: number;
  compatible?: boolean;
  messages?: string[];
}

const call = registryRequest;

/** Sets BACKWARD compatibility on each topic's value subject and registers the newest schema. */
export async function registerAll(baseUrl: string): Promise<SubjectResult[]> {
  const results: SubjectResult[] = [];
  for (const topic of allTopics) {
    const subject = valueSubject(topic.name);
    const schema = latest(topic.schema);
    const config = await call(baseUrl, 'PUT', `/config/${encodeURIComponent(subject)}`, {
      compatibility: 'BACKWARD',
    });
    if (config.status >= 300) throw registryError(subject, config);
    const registered = await call<{ id: number }>(
      baseUrl,
      'POST',
      `/subjects/${encodeURIComponent(subject)}/versions`,
      {
        schemaType: 'AVRO',
        schema: schema.text,
      },
    );
    if (registered.status >= 300) throw registryError(subject, registered);
    results.push({ subject, schema: topic.schema, version: schema.version, id: registered.json.id });
  }
  return results;
}

/** Checks the newest local schema of each topic against the latest registered version. */
export async function checkAll(baseUrl: string): Promise<SubjectResult[]> {
  const results: SubjectResult[] = [];
  for (const topic of allTopics) {
    const subject = valueSubject(topic.name);
    const schema = latest(topic.schema);
    const check = await call<{ is_compatible?: boolean; messages?: string[] }>(
      baseUrl,
      'POST',
      `/compatibility/subjects/${encodeURIComponent(subject)}/versions/latest?verbose=true`,
      { schemaType: 'AVRO', schema: schema.text },
    );
    if (check.status === 404) {
      // Nothing registered yet: any first version is compatible.
      results.push({
        subject,
        schema: topic.schema,
        version: schema.version,
        compatible: true,
        messages: ['not registered yet'],
      });
      continue;
    }
    if (check.status >= 300) throw registryError(subject, check);
    results.push({
      subject,
      schema: topic.schema,
      version: schema.version,
      compatible: check.json.is_compatible === true,
      messages: check.json.messages ?? [],
    });
  }
  return results;
}

function registryError(subject: string, response: { status: number; json: unknown }): PlatformError {
  const message = (response.json as { message?: string }).message ?? JSON.stringify(response.json);
  return new PlatformError(
    response.status === 409 ? ErrorCodes.SCHEMA_INCOMPATIBLE : ErrorCodes.SERVICE_UNAVAILABLE,
    `schema registry rejected ${subject} (HTTP ${response.status}): ${message}`,
    { subject, status: response.status, retriable: response.status >= 500 },
  );
}
