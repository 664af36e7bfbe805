/**
 * Stable error codes. They are part of the public API: logs, metrics labels, dead-letter envelopes
 * and problem+json responses carry them, so a code is never renamed, only added.
 */
export const ErrorCodes = {
  /** An environment variable is malformed. */
  CONFIG_INVALID: 'CONFIG_INVALID',
  /** A service of the stack could not be provisioned (download, build or package install failed). */
  STACK_PROVISION_FAILED: 'STACK_PROVISION_FAILED',
  /** A service of the stack did not become healthy in time, or exited while starting. */
  STACK_START_FAILED: 'STACK_START_FAILED',
  /** A service of the stack left processes behind after it was asked to stop. */
  STACK_STOP_FAILED: 'STACK_STOP_FAILED',
  /** The caller asked for something that does not exist (a service, a command). */
  NOT_FOUND: 'NOT_FOUND',
  /** A backing service (Kafka, registry, a store) cannot be reached. Usually retriable. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** A schema is not compatible with what the registry holds for its subject. */
  SCHEMA_INCOMPATIBLE: 'SCHEMA_INCOMPATIBLE',
  /** Bytes that are not a record of the expected schema (bad magic byte, unknown id, truncated). */
  DESERIALIZATION_FAILED: 'DESERIALIZATION_FAILED',
  /** A record that decodes but breaks a business rule (a negative price, a missing seller id). */
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  /** A processor threw: a bug, deterministic for that record, so it is dead-lettered. */
  PROCESSING_FAILED: 'PROCESSING_FAILED',
  /** A store refused a record for good (a mapping conflict, a value out of range): dead-lettered. */
  WRITE_REJECTED: 'WRITE_REJECTED',
  /** A request carries no valid credentials (no token, an expired or forged one, a wrong password). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The caller is known but may not do this (wrong role, someone else's item or review). */
  FORBIDDEN: 'FORBIDDEN',
  /** The change contradicts what is stored (a second review of one item, an e-mail already taken). */
  CONFLICT: 'CONFLICT',
  /** Too many requests: a login rate limit, or beacons arriving faster than Kafka takes them. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** A request body (JSON or an uploaded image) is larger than allowed. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** A request body of a content type the endpoint does not take. */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** An external command exited non-zero. */
  COMMAND_FAILED: 'COMMAND_FAILED',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
