/**
 * The activity (beacon) endpoint: browsers report shopper actions in batches; each is checked at
 * the edge (schemas.ts), against the server's clock and against the topic's Avro schema
 * (beacon-events.ts), then produced to `shop.activity` within the replica's in-flight budget
 * (beacon-sender.ts). 202 means Kafka has acknowledged every event of the batch (acks=all), so an
 * accepted event is never lost; any invalid event refuses the whole batch and nothing is produced.
 *
 * Metrics: `eshop_api_beacon_events_total{outcome}` counts events - accepted (acknowledged),
 * rejected (the batch was invalid or too large), shed (429), failed (Kafka did not acknowledge:
 * 503) - and `eshop_api_beacon_events_in_flight` the events waiting for Kafka now.
 */
import { randomUUID } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { ErrorCodes, isPlatformError } from '../../core/errors/index.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { newRouter, type ApiEnv } from '../http/env.ts';
import { validationError } from '../http/problem.ts';
import type { ApiMetrics } from '../http/request-metrics.ts';
import { bearerAuth, problems } from '../http/schemas.ts';
import { acceptTextPlainJson } from './beacon-body.ts';
import { checkBatch } from './beacon-events.ts';
import { BeaconSender } from './beacon-sender.ts';
import { InFlightBudget } from './in-flight-budget.ts';
import { BeaconAcceptedSchema, beaconRequestSchema } from './schemas.ts';

/** Counts the events of a batch refused as invalid or too large, wherever it was refused. */
function countRejectedEvents(metrics: ApiMetrics) {
  return createMiddleware<ApiEnv>(async function countRejectedEvents(c, next) {
    await next();
    const refused =
      isPlatformError(c.error, ErrorCodes.VALIDATION_FAILED) ||
      isPlatformError(c.error, ErrorCodes.PAYLOAD_TOO_LARGE) ||
      c.res.status === 400;
    if (!refused) return;
    // The JSON body is cached by the validator that parsed it; a body that never parsed counts nothing.
    const body: unknown = await c.req.json().catch(() => undefined);
    const events = (body as { events?: unknown } | undefined)?.events;
    if (Array.isArray(events) && events.length > 0) {
      metrics.beaconEvents.inc({ outcome: 'rejected' }, events.length);
    }
  });
}

export function activityRoutes(deps: ApiDependencies, metrics: ApiMetrics) {
  const { beaconMaxEvents, beaconMaxInFlight } = deps.config.api;
  const budget = new InFlightBudget(beaconMaxInFlight, (held) => metrics.beaconInFlight.set(held));
  const sender = new BeaconSender(deps.producer, budget);

  const postActivityRoute = createRoute({
    method: 'post',
    path: '/activity',
    tags: ['Activity'],
    summary: 'Report shopper actions (browser beacons)',
    description:
      `A batch of 1 to ${beaconMaxEvents} actions. Each is checked against the activity topic's Avro schema; ` +
      'its time may be at most 5 minutes ahead of the server and at most 7 days old. One invalid event refuses the ' +
      'batch (every error is listed) and nothing is recorded. The user is the caller of the access token, or ' +
      'anonymous without one. `text/plain` bodies holding the same JSON are accepted: navigator.sendBeacon sends ' +
      'them without a CORS preflight, but cannot send an Authorization header, so its events are anonymous; a ' +
      'signed-in page reports with fetch(..., { keepalive: true }) and its token instead. ' +
      '202 means Kafka has every event; on 429 or 503, send the same batch again later (same event ids).',
    security: [{}, ...bearerAuth],
    middleware: [countRejectedEvents(metrics), acceptTextPlainJson()] as const,
    request: {
      body: {
        content: {
          'application/json': { schema: beaconRequestSchema(beaconMaxEvents) },
          'text/plain': { schema: beaconRequestSchema(beaconMaxEvents) },
        },
        required: true,
      },
    },
    responses: {
      202: {
        description: 'Kafka has acknowledged every event of the batch',
        content: { 'application/json': { schema: BeaconAcceptedSchema } },
      },
      ...problems(400, 401, 413, 415, 429, 503),
    },
  });

  const router = newRouter();
  router.openapi(postActivityRoute, async function postActivity(c) {
    const { events } = c.req.valid('json');
    const checked = checkBatch(
      events,
      {
        userId: c.get('user')?.id ?? null,
        userAgent: c.req.header('User-Agent')?.slice(0, 512) ?? null,
        newEventId: randomUUID,
      },
      Date.now(),
    );
    if (!checked.ok) {
      throw validationError(
        `The batch is refused: ${checked.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
        checked.errors,
      );
    }
    try {
      await sender.send(checked.records, c.get('traceparent'));
    } catch (error) {
      const outcome = isPlatformError(error, ErrorCodes.RATE_LIMITED)
        ? 'shed'
        : isPlatformError(error, ErrorCodes.SERVICE_UNAVAILABLE)
          ? 'failed'
          : undefined;
      if (outcome) metrics.beaconEvents.inc({ outcome }, events.length);
      throw error;
    }
    metrics.beaconEvents.inc({ outcome: 'accepted' }, events.length);
    return c.json({ accepted: events.length }, 202);
  });
  return router;
}
