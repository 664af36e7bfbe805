/**
 * The OpenAPI 3.1 document (generated from the routes' schemas) and an interactive documentation
 * page. Swagger UI's assets are served from the installed `swagger-ui-dist` package rather than a
 * CDN, so the page works on a machine without internet access, like the local stack.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from '../http/env.ts';

const assetsDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>E-Shop API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: true });
  </script>
</body>
</html>`;

export interface DocumentInfo {
  version: string;
  publicUrl: string;
}

/** Adds `/openapi.json`, `/docs` and the page's assets to `app`. */
export function serveDocumentation(app: OpenAPIHono<ApiEnv>, info: DocumentInfo): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An access token from POST /v1/auth/login, /register or /refresh',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'E-Shop storefront API',
      version: info.version,
      description:
        'Reads come from the search engine, Redis and ClickHouse (falling back to Postgres where a cache misses); ' +
        'writes change Postgres and the outbox in one transaction, and reach the read stores through Kafka within seconds. ' +
        'Errors are RFC 9457 problem+json with a stable `code`.',
    },
    servers: [{ url: info.publicUrl }],
  });
  app.get('/docs', function docsPage(c) {
    return c.html(page);
  });
  app.get('/docs/assets/:file', async function docsAsset(c) {
    const file = c.req.param('file');
    const type = assets[file];
    if (!type) return c.notFound();
    const body = await readFile(join(assetsDir, file));
    return c.body(body, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
  });
}
