/**
 * One server span per request, continuing the caller's W3C `traceparent` when it sends one. The
 * span's own traceparent is put on the context, so the events a request produces (outbox rows,
 * beacons) carry it through Kafka into every processor and sink. Each request's logger carries
 * the trace id, and the response returns it in `traceparent`, so a client can quote it.
 */
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { createMiddleware } from 'hono/factory';
import { childTraceparent, parseTraceparent } from '../../core/events/trace-context.ts';
import type { Logger } from '../../core/log/index.ts';
import type { ApiEnv } from './env.ts';

const tracer = () => trace.getTracer('eshop-api');

export function traceRequests(log: Logger) {
  return createMiddleware<ApiEnv>(async function traceRequests(c, next) {
    const incoming = c.req.header('traceparent');
    const parent = propagation.extract(ROOT_CONTEXT, incoming ? { traceparent: incoming } : {});
    const span = tracer().startSpan(
      `${c.req.method} ${c.req.path}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': c.req.method, 'url.path': c.req.path },
      },
      parent,
    );
    const active = trace.setSpan(parent, span);
    const carrier: Record<string, string> = {};
    propagation.inject(active, carrier);
    // Without an installed SDK the span is a no-op; the trace still continues through the ids.
    const traceparent = carrier.traceparent ?? childTraceparent(incoming);
    const traceId = parseTraceparent(traceparent)?.traceId;
    c.set('traceparent', traceparent);
    c.set('log', log.child({ traceId }));
    const started = performance.now();
    try {
      await context.with(active, () => next());
    } finally {
      const status = c.res.status;
      span.updateName(`${c.req.method} ${c.req.routePath}`);
      span.setAttribute('http.route', c.req.routePath);
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      c.res.headers.set('traceparent', traceparent);
      c.get('log')[status >= 500 ? 'error' : 'info'](
        {
          method: c.req.method,
          path: c.req.path,
          route: c.req.routePath,
          status,
          ms: Math.round((performance.now() - started) * 10) / 10,
        },
        'request',
      );
    }
  });
}
