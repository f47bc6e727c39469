// The Express app: thin; validates, authorizes, and talks to Temporal and the read model.
import express, { type Express } from 'express';
import { createAuthorizer } from './auth/authorizer.js';
import type { AppDeps } from './app-deps.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { requestContext } from './http/request-context.js';
import { mountRoutes, type RouteSpec } from './http/route.js';
import { docsRouter } from './routes/docs.js';
import { healthRoutes } from './routes/health.js';
import { leadRoutes } from './routes/leads.js';
import { accountRoutes } from './routes/accounts.js';
import { assignmentRoutes } from './routes/assignment.js';
import { repRoutes } from './routes/reps.js';
import { routingConfigRoutes } from './routes/routing-config.js';
import { teamRoutes } from './routes/teams.js';
import { territoryRoutes } from './routes/territories.js';

export type { AppDeps };
export const API_VERSION = '0.1.0';

/** Every route declaration; the OpenAPI document is generated from this list. */
export function allRoutes(deps: AppDeps): RouteSpec[] {
  return [
    ...healthRoutes(deps), ...leadRoutes(deps),
    ...repRoutes(deps), ...teamRoutes(deps), ...territoryRoutes(deps), ...accountRoutes(deps), ...routingConfigRoutes(deps), ...assignmentRoutes(deps),
  ];
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(requestContext);
  app.use(express.json({ limit: deps.jsonLimit ?? 256 * 1024, strict: true }));
  const routes = allRoutes(deps);
  app.use(docsRouter(() => routes, API_VERSION));
  const router = express.Router();
  mountRoutes(router, routes, createAuthorizer({ secret: deps.authSecret, verifyApiKey: deps.verifyApiKey }));
  app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
