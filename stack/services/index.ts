/**
 * The services of the local stack, in the order the table lists them. Dependencies are declared on
 * each service; independent services start in parallel.
 */
import type { ServiceDefinition } from '../service.ts';
import { clickhouse } from './clickhouse.ts';
import { jaeger } from './jaeger.ts';
import { kafka } from './kafka.ts';
import { minio } from './minio.ts';
import { opensearch } from './opensearch.ts';
import { postgres } from './postgres.ts';
import { prometheus } from './prometheus.ts';
import { redis } from './redis.ts';
import { schemaRegistry } from './schema-registry.ts';

export const services: readonly ServiceDefinition[] = [
  kafka,
  schemaRegistry,
  opensearch,
  clickhouse,
  redis,
  postgres,
  minio,
  prometheus,
  jaeger,
];
