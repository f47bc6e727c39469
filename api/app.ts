// The Express app: thin; validates, authorizes, and talks to Temporal and the read model.
import express, { type Express } from 'express';
import { createAuthorizer } from './auth/authorizer.js';
import type { AppDeps } from './app-deps.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { requestContext } from './http/request-context.js';
import { mountRoutes, type RouteSpec } from './http/route.js';
import { assessmentTemplateRoutes } from './routes/assessment-templates.js';
import { assessmentRoutes } from './routes/assessments.js';
import { docsRouter } from './routes/docs.js';
import { healthRoutes } from './routes/health.js';
import { importRoutes } from './routes/imports.js';
import { leadActionRoutes } from './routes/lead-actions.js';
import { leadHistoryRoutes } from './routes/lead-history.js';
import { leadRoutes } from './routes/leads.js';
import { settingsRoutes } from './routes/settings.js';
import { pipelineRoutes } from './routes/pipeline.js';
import { processingActivityRoutes } from './routes/processing-activities.js';
import { ruleSetRoutes } from './routes/rule-sets.js';

export type { AppDeps };
export const API_VERSION = '0.1.0';

/** Every route declaration; the OpenAPI document is generated from this list. */
export function allRoutes(deps: AppDeps): RouteSpec[] {
  return [
    ...healthRoutes(deps),
    ...pipelineRoutes(deps),
    ...leadRoutes(deps),
    ...leadActionRoutes(deps),
    ...leadHistoryRoutes(deps),
    ...importRoutes(deps),
    ...ruleSetRoutes(deps),
    ...assessmentTemplateRoutes(deps),
    ...assessmentRoutes(deps),
    ...settingsRoutes(deps),
    ...processingActivityRoutes(deps),
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
