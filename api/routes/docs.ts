// /openapi.json and interactive docs at /docs (Swagger UI served from the npm package; no CDN).
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Router } from 'express';
import { buildOpenApi } from '../http/openapi.js';
import type { RouteSpec } from '../http/route.js';

const require = createRequire(import.meta.url);
const swaggerDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));

const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>leadflow API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`;
const INIT_JS = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui', persistAuthorization: true });`;

export function docsRouter(routes: () => RouteSpec[], version: string): Router {
  const router = express.Router();
  let doc: unknown;
  router.get('/openapi.json', (_req, res) => {
    doc ??= buildOpenApi(routes(), { title: 'leadflow API', version });
    res.json(doc);
  });
  router.use('/docs/assets', express.static(swaggerDir, { index: false, maxAge: '1h' }));
  router.get('/docs/init.js', (_req, res) => res.type('application/javascript').send(INIT_JS));
  router.get(['/docs', '/docs/'], (_req, res) => res.type('html').send(DOCS_HTML));
  return router;
}
