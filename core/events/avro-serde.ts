/**
 * Avro in the Confluent wire format, against a Confluent-compatible schema registry:
 * `0x00 | schema id (int32, big-endian) | Avro binary`.
 *
 * Encoding looks up the id of our schema under `<topic>-value` (it must be registered: producers
 * do not register schemas, `eshop schemas register` does). Decoding fetches the writer's schema by
 * id and resolves it into our reader schema, so old and new producers are read alike.
 *
 * Failures are classified for the runtime: bytes that can never decode (bad magic byte, unknown
 * schema id, incompatible writer schema, truncated payload) are DESERIALIZATION_FAILED and go to
 * the dead-letter topic; an unreachable registry is SERVICE_UNAVAILABLE and retriable.
 */
import avro from 'avsc';
import { ErrorCodes, PlatformError } from '../errors/index.ts';
import { registryRequest } from './registry-http.ts';
import { latest, type SchemaName } from '../../schemas/catalog.ts';
import { valueSubject } from '../../schemas/topics.ts';

const MAGIC_BYTE = 0;
const HEADER_BYTES = 5;

export class AvroSerde {
  private readonly ids = new Map<string, Promise<number>>();
  private readonly writers = new Map<number, Promise<avro.Type>>();
  private readonly resolvers = new Map<string, avro.Resolver>();

  constructor(private readonly registryUrl: string) {}

  async encode(topic: string, schema: SchemaName, value: unknown): Promise<Buffer> {
    const type = latest(schema).type;
    const id = await this.idOf(topic, schema);
    const errors: string[] = [];
    if (!type.isValid(value, { errorHook: (path) => errors.push(path.join('.') || '(root)') })) {
      throw new PlatformError(
        ErrorCodes.VALIDATION_FAILED,
        `not a valid ${schema} record: bad ${errors.join(', ')}`,
        {
          schema,
          fields: errors,
        },
      );
    }
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt8(MAGIC_BYTE, 0);
    header.writeInt32BE(id, 1);
    return Buffer.concat([header, type.toBuffer(value)]);
  }

  async decode<T>(schema: SchemaName, bytes: Buffer | null): Promise<T> {
    if (!bytes || bytes.length < HEADER_BYTES) {
      throw undecodable(
        `value is ${bytes ? `${bytes.length} bytes` : 'empty'}, shorter than the wire-format header`,
      );
    }
    if (bytes.readUInt8(0) !== MAGIC_BYTE) throw undecodable(`magic byte is ${bytes.readUInt8(0)}, not 0`);
    const id = bytes.readInt32BE(1);
    const reader = latest(schema).type;
    const writer = await this.writerSchema(id);
    const cacheKey = `${schema}:${id}`;
    let resolver = this.resolvers.get(cacheKey);
    if (!resolver) {
      try {
        resolver = reader.createResolver(writer);
      } catch (error) {
        throw undecodable(`schema id ${id} cannot be read as ${schema}: ${(error as Error).message}`, error);
      }
      this.resolvers.set(cacheKey, resolver);
    }
    try {
      return reader.fromBuffer(bytes.subarray(HEADER_BYTES), resolver) as T;
    } catch (error) {
      throw undecodable(`payload does not decode with schema id ${id}: ${(error as Error).message}`, error);
    }
  }

  private idOf(topic: string, schema: SchemaName): Promise<number> {
    const key = `${topic}:${schema}`;
    let id = this.ids.get(key);
    if (!id) {
      const subject = valueSubject(topic);
      id = this.request<{ id: number }>('POST', `/subjects/${encodeURIComponent(subject)}`, {
        schemaType: 'AVRO',
        schema: latest(schema).text,
      }).then(({ status, json }) => {
        if (status === 404) {
          throw new PlatformError(
            ErrorCodes.SCHEMA_INCOMPATIBLE,
            `${schema} v${latest(schema).version} is not registered under ${subject}; run \`eshop schemas register\``,
            { subject },
          );
        }
        if (status >= 300) throw unavailable(`looking up ${subject} answered HTTP ${status}`);
        return json.id;
      });
      id.catch(() => this.ids.delete(key));
      this.ids.set(key, id);
    }
    return id;
  }

  private writerSchema(id: number): Promise<avro.Type> {
    let writer = this.writers.get(id);
    if (!writer) {
      writer = this.request<{ schema: string }>('GET', `/schemas/ids/${id}`).then(({ status, json }) => {
        if (status === 404) throw undecodable(`schema id ${id} is unknown to the registry`);
        if (status >= 300) throw unavailable(`fetching schema id ${id} answered HTTP ${status}`);
        try {
          return avro.Type.forSchema(JSON.parse(json.schema) as avro.Schema);
        } catch (error) {
          throw undecodable(`schema id ${id} is not an Avro schema: ${(error as Error).message}`, error);
        }
      });
      // Only definite answers are cached; a failed request is asked again next time.
      writer.catch(() => this.writers.delete(id));
      this.writers.set(id, writer);
    }
    return writer;
  }

  private request<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
    return registryRequest<T>(this.registryUrl, method, path, body);
  }
}

function undecodable(message: string, cause?: unknown): PlatformError {
  return new PlatformError(ErrorCodes.DESERIALIZATION_FAILED, message, { cause });
}

function unavailable(message: string, cause?: unknown): PlatformError {
  return new PlatformError(ErrorCodes.SERVICE_UNAVAILABLE, message, { cause, retriable: true });
}
