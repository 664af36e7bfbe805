/**
 * Structured JSON logs (pino) for every long-running platform process. One logger per component,
 * named by `component`, so logs from processors, connectors and the API can be filtered alike.
 */
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

export function createLogger(component: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { component }, timestamp: pino.stdTimeFunctions.isoTime });
}
