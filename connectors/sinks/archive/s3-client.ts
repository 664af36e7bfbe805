/**
 * The S3 (MinIO) client of the archive, and the classification of its failures for the sink runtime.
 *
 * The client's own retry loop is switched off: the runtime retries whole batches with backoff, and
 * two nested retry loops multiply the wait (minio-js also prints its retries with console.warn).
 * Every request has a time limit, so a hung MinIO fails the batch instead of stalling the sink.
 */
import http from 'node:http';
import https from 'node:https';
import { Client, S3Error } from 'minio';
import type { PlatformConfig } from '../../../core/config/index.ts';
import { ErrorCodes, PlatformError } from '../../../core/errors/index.ts';

export interface S3ClientOptions {
  /** A request with no answer for this long fails as retriable. Default 30 000. */
  requestTimeoutMs?: number;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** MinIO's default region; naming it saves a bucket-location request per bucket. */
const REGION = 'us-east-1';

export function createS3Client(config: Pick<PlatformConfig, 'minio'>, options: S3ClientOptions = {}): Client {
  const { endpoint, accessKey, secretKey } = config.minio;
  const url = new URL(endpoint);
  const useSSL = url.protocol === 'https:';
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const base = useSSL ? https : http;
  const request = ((requestOptions: http.RequestOptions, callback?: (res: http.IncomingMessage) => void) => {
    const req = base.request(requestOptions, callback);
    req.setTimeout(timeoutMs, () => {
      req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    });
    return req;
  }) as typeof http.request;
  return new Client({
    endPoint: url.hostname,
    port: Number(url.port) || (useSSL ? 443 : 80),
    useSSL,
    accessKey,
    secretKey,
    region: REGION,
    pathStyle: true,
    transport: { request },
    retryOptions: { disableRetry: true },
  });
}

/** S3 error codes that mean "try again later"; every other S3 error is an answer that will not change. */
const TRANSIENT_S3_CODES = new Set([
  'InternalError',
  'ServiceUnavailable',
  'SlowDown',
  'RequestTimeout',
  'OperationTimedOut',
  'XMinioServerNotInitialized',
  'XMinioReadQuorum',
  'XMinioWriteQuorum',
  'XMinioStorageFull',
]);

/**
 * Turns anything the client threw into a PlatformError(SERVICE_UNAVAILABLE).
 *
 * Retriable: socket errors and timeouts, transient S3 codes, and the bare Error minio-js throws
 * for HTTP 408/429/5xx (its retry wrapper replaces the S3 error of those statuses with a plain
 * Error, so "not an S3 answer and not a client-side check" is what identifies them).
 * Not retriable: any other S3 answer (access denied, bad credentials) and the client's argument
 * checks - retrying those only delays the crash that shows the misconfiguration.
 */
export function s3Failure(error: unknown, action: string): PlatformError {
  if (error instanceof PlatformError) return error;
  const retriable = isTransient(error);
  const detail = error instanceof S3Error ? `${error.code ?? 'S3Error'}: ${error.message}` : describe(error);
  return new PlatformError(ErrorCodes.SERVICE_UNAVAILABLE, `S3 ${action} failed: ${detail}`, {
    cause: error,
    retriable,
    service: 'minio',
  });
}

function isTransient(error: unknown): boolean {
  if (error instanceof S3Error) return TRANSIENT_S3_CODES.has(error.code ?? '');
  if (error instanceof TypeError) return false;
  if (error instanceof AggregateError) return true; // a connect that failed on every address
  // minio-js' argument checks are ExtendableError subclasses, all named "<Something>Error" by class.
  if (error instanceof Error && error.constructor !== Error && !(error as NodeJS.ErrnoException).code) {
    return false;
  }
  return true;
}

function describe(error: unknown): string {
  // A failed connect is an AggregateError over the addresses tried, its reason in `code`.
  const first: unknown = error instanceof AggregateError ? (error.errors[0] ?? error) : error;
  const code = (first as NodeJS.ErrnoException | undefined)?.code;
  const message = first instanceof Error ? first.message : String(first);
  return code && !message.includes(code) ? `${code} ${message}`.trim() : message;
}

/** Creates `bucket` unless it exists; safe when two instances race to create it. */
export async function ensureBucket(client: Client, bucket: string): Promise<void> {
  try {
    if (await client.bucketExists(bucket)) return;
    await client.makeBucket(bucket, REGION);
  } catch (error) {
    if (
      error instanceof S3Error &&
      ['BucketAlreadyOwnedByYou', 'BucketAlreadyExists'].includes(error.code ?? '')
    ) {
      return;
    }
    throw s3Failure(error, `creating bucket ${bucket}`);
  }
}
