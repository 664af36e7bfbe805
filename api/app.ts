/**
 * The API as a Hono app: the middleware every request goes through (trace, metrics, body limit,
 * authentication), one router per area of the storefront mounted under /v1, the operations
 * endpoints and the OpenAPI document. Errors of every kind leave as problem+json (http/problem.ts).
 *
 * @example
 * const deps = await openApiDependencies(loadConfig());
 * const app = createApp(deps);
 * serve({ fetch: app.fetch, port: 8080 });
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { ErrorCodes, PlatformError } from '../core/errors/index.ts';
import { accountRoutes } from './accounts/routes.ts';
import { activityRoutes } from './activity/routes.ts';
import { analyticsRoutes } from './analytics/routes.ts';
import { authenticate } from './auth/middleware.ts';
import { catalogueRoutes } from './catalogue/routes.ts';
import type { ApiDependencies } from './dependencies.ts';
import { type ApiEnv } from './http/env.ts';
import { problemResponse, toProblem } from './http/problem.ts';
import { ApiMetrics, measureRequests } from './http/request-metrics.ts';
import { traceRequests } from './http/request-tracing.ts';
import { rejectInvalidRequest } from './http/validation.ts';
import { itemRoutes } from './items/routes.ts';
import { serveDocumentation } from './operations/docs.ts';
import { operationsRoutes } from './operations/routes.ts';
import { reviewRoutes } from './reviews/routes.ts';
import { sellerRoutes } from './sellers/routes.ts';

export const API_VERSION = '1.0.0';

export interface AppOptions {
  /** Shared with the process's /metrics; a fresh registry when absent (tests). */
  metrics?: ApiMetrics;
}

export function createApp(deps: ApiDependencies, options: AppOptions = {}): OpenAPIHono<ApiEnv> {
  const metrics = options.metrics ?? new ApiMetrics();
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: rejectInvalidRequest });

  app.use(traceRequests(deps.log));
  app.use(measureRequests(metrics));
  const origins = deps.config.api.corsOrigins;
  app.use(
    cors({
      origin: origins.includes('*') ? '*' : origins,
      allowHeaders: ['Authorization', 'Content-Type', 'traceparent'],
      exposeHeaders: ['traceparent', 'Retry-After', 'X-Cache', 'Location'],
      maxAge: 600,
    }),
  );
  const limitJsonBodies = bodyLimit({
    maxSize: deps.config.api.maxBodyBytes,
    onError: function bodyTooLarge() {
      throw new PlatformError(
        ErrorCodes.PAYLOAD_TOO_LARGE,
        `The request body is larger than ${deps.config.api.maxBodyBytes} bytes`,
      );
    },
  });
  app.use(async function limitBodies(c, next) {
    // Item images have their own limit (API_IMAGE_MAX_BYTES), enforced while the upload handler reads the body.
    if (c.req.method === 'POST' && /^\/v1\/items\/[^/]+\/images$/.test(c.req.path)) return next();
    return limitJsonBodies(c, next);
  });
  app.use(authenticate(deps.config.api));

  app.route('/', operationsRoutes(deps, metrics));
  for (const routes of [
    catalogueRoutes(deps),
    itemRoutes(deps),
    sellerRoutes(deps),
    reviewRoutes(deps),
    accountRoutes(deps),
    activityRoutes(deps, metrics),
    analyticsRoutes(deps),
  ]) {
    app.route('/v1', routes);
  }
  serveDocumentation(app, { version: API_VERSION, publicUrl: deps.config.api.publicUrl });

  app.notFound(function notFound(c) {
    return problemResponse(
      toProblem(
        new PlatformError(ErrorCodes.NOT_FOUND, `No endpoint ${c.req.method} ${c.req.path}; see /docs`),
        c.req.path,
      ),
    );
  });
  app.onError(function answerWithProblem(error, c) {
    const problem = toProblem(error, c.req.path);
    const traceId = c.get('traceparent')?.split('-')[1];
    if (traceId) problem.traceId = traceId;
    const log = c.get('log') ?? deps.log;
    if (problem.status >= 500) log.error({ err: error, path: c.req.path }, 'request failed');
    return problemResponse(problem, error);
  });
  return app;
}
