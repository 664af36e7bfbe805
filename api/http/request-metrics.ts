/**
 * The API's Prometheus metrics. Names are stable and documented (api/README.md); the route label is
 * the matched route pattern (`/v1/items/:id`), never the raw path, so its cardinality is bounded.
 *
 * - `eshop_api_requests_total{method,route,status}`            counter
 * - `eshop_api_request_duration_seconds{method,route}`         histogram
 * - `eshop_api_requests_in_flight`                             gauge
 * - `eshop_api_beacon_events_total{outcome}`                   counter (accepted | rejected | shed | failed)
 * - `eshop_api_beacon_events_in_flight`                        gauge
 * plus Node's default process metrics with the `eshop_api_` prefix.
 */
import { createMiddleware } from 'hono/factory';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ApiEnv } from './env.ts';

export class ApiMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'eshop_api_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'eshop_api_request_duration_seconds',
    help: 'Time from a request arriving to its response being ready, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly inFlight = new Gauge({
    name: 'eshop_api_requests_in_flight',
    help: 'Requests being handled now',
    registers: [this.registry],
  });
  readonly beaconEvents = new Counter({
    name: 'eshop_api_beacon_events_total',
    help: 'Activity events received by the beacon endpoint: accepted (acknowledged by Kafka), rejected (invalid or too large), shed (429), failed (Kafka did not acknowledge: 503)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly beaconInFlight = new Gauge({
    name: 'eshop_api_beacon_events_in_flight',
    help: 'Beacon events accepted and not yet acknowledged by Kafka',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'eshop_api_' });
  }
}

export function measureRequests(metrics: ApiMetrics) {
  return createMiddleware<ApiEnv>(async function measureRequests(c, next) {
    const stop = metrics.duration.startTimer();
    metrics.inFlight.inc();
    try {
      await next();
    } finally {
      metrics.inFlight.dec();
      // routePath is the pattern that matched; requests answered before routing (404, a bad token) share one label.
      const route = c.req.routePath === '/*' ? 'unmatched' : c.req.routePath;
      const labels = { method: c.req.method, route };
      stop(labels);
      metrics.requests.inc({ ...labels, status: String(c.res.status) });
    }
  });
}
