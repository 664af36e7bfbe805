/**
 * Operations: liveness (the process answers), readiness (each store the API needs answers within
 * a deadline, so a load balancer only sends traffic to a replica that can serve it) and metrics.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { topics } from '../../schemas/topics.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { newRouter } from '../http/env.ts';
import type { ApiMetrics } from '../http/request-metrics.ts';

const CHECK_TIMEOUT_MS = 2_000;

const CheckSchema = z.object({ ok: z.boolean(), ms: z.number(), error: z.string().optional() });
const ReadinessSchema = z
  .object({ status: z.enum(['ready', 'not-ready']), checks: z.record(z.string(), CheckSchema) })
  .openapi('Readiness');

const liveRoute = createRoute({
  method: 'get',
  path: '/health/live',
  tags: ['Operations'],
  summary: 'Liveness: the process is up',
  responses: {
    200: {
      description: 'Alive',
      content: { 'application/json': { schema: z.object({ status: z.literal('live') }) } },
    },
  },
});

const readyRoute = createRoute({
  method: 'get',
  path: '/health/ready',
  tags: ['Operations'],
  summary: 'Readiness: every store the API reads or writes answers',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: ReadinessSchema } } },
    503: {
      description: 'A store does not answer',
      content: { 'application/json': { schema: ReadinessSchema } },
    },
  },
});

const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  tags: ['Operations'],
  summary: 'Prometheus metrics',
  responses: {
    200: { description: 'Prometheus text exposition', content: { 'text/plain': { schema: z.string() } } },
  },
});

/** The checks readiness runs, by store. Each resolves when the store answers. */
function storeChecks(deps: ApiDependencies): Record<string, () => Promise<unknown>> {
  return {
    postgres: () => deps.postgres.query('SELECT 1'),
    redis: () => deps.redis.ping(),
    search: () => deps.search.cluster.health({ timeout: '1s' }),
    clickhouse: async () => {
      const result = await deps.clickhouse.ping();
      if (!result.success) throw result.error;
    },
    s3: () => deps.s3.bucketExists(deps.config.api.imagesBucket),
    kafka: () => deps.kafkaAdmin.fetchTopicMetadata({ topics: [topics.activity.name] }),
  };
}

async function runCheck(check: () => Promise<unknown>): Promise<z.infer<typeof CheckSchema>> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      ms: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}

export function operationsRoutes(deps: ApiDependencies, metrics: ApiMetrics) {
  const router = newRouter();
  router.openapi(liveRoute, function live(c) {
    return c.json({ status: 'live' as const }, 200);
  });
  router.openapi(readyRoute, async function ready(c) {
    const entries = await Promise.all(
      Object.entries(storeChecks(deps)).map(async ([name, check]) => [name, await runCheck(check)] as const),
    );
    const checks = Object.fromEntries(entries);
    const ok = entries.every(([, result]) => result.ok);
    return ok
      ? c.json({ status: 'ready' as const, checks }, 200)
      : c.json({ status: 'not-ready' as const, checks }, 503);
  });
  router.openapi(metricsRoute, async function metricsText(c) {
    return c.text(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType });
  });
  return router;
}
