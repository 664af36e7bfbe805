export { ErrorCodes, type ErrorCode } from './codes.ts';
export { PlatformError, isPlatformError, isRetriable, type PlatformErrorOptions } from './platform-error.ts';
