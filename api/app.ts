// The Express app: thin; validates, authorizes, and talks to Temporal and the read model.
import express, { type Express } from 'express';
import { createMetrics } from '../platform/metrics.js';
import { createApiKeyVerifier } from './auth/api-keys.js';
import { createAuthorizer } from './auth/authorizer.js';
import { createLeadAccessLoader } from './auth/lead-access-loader.js';
import { createTokenVerifier } from './auth/tokens.js';
import type { AppDeps } from './app-deps.js';
import { createContractCheck } from './http/contract.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { createIdempotencyStore } from './http/idempotency.js';
import { createRateLimiter } from './http/rate-limit.js';
import { requestContext } from './http/request-context.js';
import { mountRoutes, type RouteSpec } from './http/route.js';
import { securityHeaders } from './http/security-headers.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { assessmentTemplateRoutes } from './routes/assessment-templates.js';
import { assessmentRoutes } from './routes/assessments.js';
import { docsRouter } from './routes/docs.js';
import { healthRoutes } from './routes/health.js';
import { importRoutes } from './routes/imports.js';
import { leadActionRoutes } from './routes/lead-actions.js';
import { leadHistoryRoutes } from './routes/lead-history.js';
import { leadRoutes } from './routes/leads.js';
import { metricsRoutes } from './routes/metrics.js';
import { pipelineRoutes } from './routes/pipeline.js';
import { processingActivityRoutes } from './routes/processing-activities.js';
import { ruleSetRoutes } from './routes/rule-sets.js';
import { settingsRoutes } from './routes/settings.js';
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
  const leadAccess = deps.leadAccess ?? createLeadAccessLoader(deps.orm, deps.logger);
  return [
    ...healthRoutes(deps),
    ...metricsRoutes(deps.metrics ?? createMetrics()),
    ...pipelineRoutes(deps),
    ...leadRoutes(deps, leadAccess),
    ...leadActionRoutes(deps),
    ...leadHistoryRoutes(deps),
    ...importRoutes(deps),
    ...ruleSetRoutes(deps),
    ...assessmentTemplateRoutes(deps),
    ...assessmentRoutes(deps),
    ...settingsRoutes(deps),
    ...repRoutes(deps),
    ...teamRoutes(deps),
    ...territoryRoutes(deps),
    ...accountRoutes(deps),
    ...routingConfigRoutes(deps),
    ...assignmentRoutes(deps),
    ...apiKeyRoutes(deps),
    ...processingActivityRoutes(deps),
  ];
}

export function createApp(input: AppDeps): Express {
  const deps: AppDeps = {
    ...input,
    metrics: input.metrics ?? createMetrics(),
    leadAccess: input.leadAccess ?? createLeadAccessLoader(input.orm, input.logger),
    verifyApiKey: input.verifyApiKey ?? createApiKeyVerifier(input.orm, input.logger),
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ? 1 : false);
  app.use(requestContext(deps.logger, deps.metrics));
  app.use(securityHeaders());
  app.use(express.json({ limit: deps.jsonLimit ?? 256 * 1024, strict: true }));
  const routes = allRoutes(deps);
  app.use(docsRouter(() => routes, API_VERSION));
  const contract = deps.onContractViolation ? { check: createContractCheck(), onViolation: deps.onContractViolation } : undefined;
  const router = express.Router();
  mountRoutes(router, routes, {
    authorize: createAuthorizer({
      verifyToken: createTokenVerifier({ secret: deps.authSecret, jwksUrl: deps.jwksUrl, issuer: deps.jwtIssuer, audience: deps.jwtAudience }),
      verifyApiKey: deps.verifyApiKey,
    }),
    leadAccess: deps.leadAccess,
    rateLimiter: deps.rateLimit ? createRateLimiter(deps.rateLimit) : undefined,
    idempotency: createIdempotencyStore(deps.orm, { ttlSeconds: deps.idempotencyTtlSeconds }),
    contract,
  });
  app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger, contract));
  return app;
}
