/**
 * Kafka clients built from the platform configuration, with kafkajs' log routed into the
 * platform's JSON logs.
 */
import { Kafka, logLevel as KafkaLogLevel, type logCreator } from 'kafkajs';
import type { PlatformConfig } from '../config/index.ts';
import { createLogger } from '../log/index.ts';

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

const pinoLogCreator: logCreator = () => {
  const log = createLogger('kafkajs');
  return ({ level, log: entry }) => {
    const { message, ...fields } = entry;
    log[levels[level] ?? 'info'](fields, message);
  };
};

/**
 * @example
 * const kafka = createKafka(loadConfig(), 'normalise-items');
 * const producer = kafka.producer({ idempotent: true });
 */
export function createKafka(config: Pick<PlatformConfig, 'kafka'>, component: string): Kafka {
  return new Kafka({
    clientId: `${config.kafka.clientId}-${component}`,
    brokers: config.kafka.brokers,
    // kafkajs logs recoverable coordinator errors at ERROR while it retries; WARN keeps real ones visible.
    logLevel: KafkaLogLevel.WARN,
    logCreator: pinoLogCreator,
    // No client-wide retry limit: kafkajs then keeps idempotent producers retrying indefinitely,
    // which exactly-once needs (a limit makes it warn that EoS may be lost).
  });
}
