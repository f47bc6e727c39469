// Rule sets: CRUD with immutable versions, activation per pipeline stage, archive, simulate.
// Configuration writes: admin. Reads and simulations: admin, manager, ops. The active sets
// (GET /rule-sets/active) may be read by reps too: they explain how their leads were ranked.
import { z } from 'zod';
import { CompiledRuleSetCache, loadRuleSetVersion } from '../../db/rule-set-store.js';
import { compileValidRuleSet } from '../../rules/index.js';
import { actorLabel } from '../../workflows/messages.js';
import type { AppDeps } from '../app-deps.js';
import { principalActor, type Principal, type Role } from '../auth/principal.js';
import { HttpProblem, notFound } from '../http/problem.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import {
  activateBody, activationResponseSchema, activeSetsSchema, listRuleSetsQuery, ruleSetBodySchema, ruleSetDetailSchema, ruleSetIdParam,
  ruleSetPageSchema, ruleSetVersionListSchema, ruleSetVersionParams, ruleSetVersionSchema, ruleSetWriteResponseSchema, updateRuleSetQuery,
} from '../schemas/rule-sets.js';
import { ruleSetSimulationSchema, simulateDraftBody, simulateStoredBody } from '../schemas/simulate.js';
import { activateRuleSet, activeSets, deactivateRuleSet } from '../services/rule-set-activation.js';
import {
  archiveRuleSet, createRuleSet, findSummary, getRuleSet, getVersion, listRuleSets, listVersions, updateRuleSet, validateDefinition,
} from '../services/rule-sets.js';
import { selectSubjects, simulateRuleSet } from '../services/simulate.js';
import { etag, expectedVersion } from '../services/versioning.js';

export const CONFIG_WRITE: readonly Role[] = ['admin'];
export const CONFIG_READ: readonly Role[] = ['admin', 'manager', 'ops'];
export const SIMULATE: readonly Role[] = ['admin', 'manager', 'ops'];
const ACTIVE_READ: readonly Role[] = ['admin', 'manager', 'ops', 'rep'];

const tags = ['rule sets'];
const actorOf = (p: Principal): string => actorLabel(principalActor(p));
const nowOf = (given: string | undefined): Date => (given ? new Date(given) : new Date());

export function ruleSetRoutes(deps: AppDeps): RouteSpec[] {
  const cache = new CompiledRuleSetCache();
  const em = () => deps.orm.em.fork();
  return [
    // Static paths before /rule-sets/:id.
    defineRoute({
      method: 'get', path: '/rule-sets/active', operationId: 'getActiveRuleSets', tags, access: ACTIVE_READ,
      summary: 'The active rule set version of each pipeline stage (scoring, qualification, rating/ranking, channel)',
      responses: { 200: { description: 'Per stage: the active set, or null', schema: activeSetsSchema } },
      handler: async () => ({ status: 200, body: await activeSets(em()) }),
    }),
    defineRoute({
      method: 'post', path: '/rule-sets/simulate', operationId: 'simulateRuleSetDefinition', tags, access: SIMULATE,
      summary: 'Evaluate a draft definition against inline leads or stored leads chosen by a filter (changes nothing)',
      body: simulateDraftBody,
      responses: {
        200: { description: 'Per-lead results with traces, and a summary', schema: ruleSetSimulationSchema },
        422: { description: 'Invalid definition or filter (errors[] name body.definition.<path> / body.filter.conditions.<path>)' },
      },
      handler: async ({ body }) => {
        const now = nowOf(body.now);
        const set = compileValidRuleSet(validateDefinition(body.definition, 'draft', 1, ['definition']));
        const { kind, subjects } = await selectSubjects(em(), body, now);
        const sim = simulateRuleSet(set, subjects, now);
        return { status: 200, body: { ruleSet: { id: 'draft', version: 1, type: set.type, name: set.definition.name }, now: now.toISOString(), source: kind, ...sim } };
      },
    }),
    defineRoute({
      method: 'post', path: '/rule-sets', operationId: 'createRuleSet', tags, access: CONFIG_WRITE,
      summary: 'Create a rule set (the server assigns its id and version 1)',
      body: ruleSetBodySchema,
      responses: {
        201: { description: 'Created', schema: ruleSetDetailSchema },
        422: { description: 'The definition is invalid: errors[] name each body.<json path>' },
      },
      handler: async ({ body, principal }) => {
        const created = await createRuleSet(deps.orm, body, actorOf(principal));
        return { status: 201, headers: { Location: `/rule-sets/${created.id}`, ETag: etag(created.latestVersion) }, body: created };
      },
    }),
    defineRoute({
      method: 'get', path: '/rule-sets', operationId: 'listRuleSets', tags, access: CONFIG_READ,
      summary: 'List rule sets (cursor pagination; filter by type, active, archived; sort by name or updatedAt)',
      query: listRuleSetsQuery,
      responses: { 200: { description: 'A page of rule sets', schema: ruleSetPageSchema } },
      handler: async ({ query }) => ({ status: 200, body: await listRuleSets(em(), query) }),
    }),
    defineRoute({
      method: 'get', path: '/rule-sets/:id', operationId: 'getRuleSet', tags, access: CONFIG_READ,
      summary: 'A rule set: its latest version and which version is active',
      params: ruleSetIdParam,
      responses: { 200: { description: 'The rule set (ETag: its latest version)', schema: ruleSetDetailSchema }, 404: { description: 'No such rule set' } },
      handler: async ({ params }) => {
        const detail = await getRuleSet(em(), params.id);
        return { status: 200, headers: { ETag: etag(detail.latestVersion) }, body: detail };
      },
    }),
    defineRoute({
      method: 'put', path: '/rule-sets/:id', operationId: 'updateRuleSet', tags, access: CONFIG_WRITE,
      summary: 'Change a rule set: a new version (unchanged definition: no new version). If-Match / ?expectedVersion= guard against lost updates',
      params: ruleSetIdParam, query: updateRuleSetQuery, body: ruleSetBodySchema,
      responses: {
        200: { description: 'The new (or unchanged) latest version', schema: ruleSetWriteResponseSchema },
        404: { description: 'No such rule set' },
        409: { description: 'Stale expected version (version_conflict) or archived set' },
        422: { description: 'Invalid definition, or another type than the set has' },
      },
      handler: async ({ params, query, body, principal, req }) => {
        const result = await updateRuleSet(deps.orm, params.id, body, actorOf(principal), expectedVersion(req, query.expectedVersion));
        return { status: 200, headers: { ETag: etag(result.latestVersion) }, body: result };
      },
    }),
    defineRoute({
      method: 'delete', path: '/rule-sets/:id', operationId: 'archiveRuleSet', tags, access: CONFIG_WRITE,
      summary: 'Archive a rule set (versions are kept; leads and audit events name them). 409 while active or referenced',
      params: ruleSetIdParam,
      responses: { 204: { description: 'Archived (or already archived)' }, 404: { description: 'No such rule set' }, 409: { description: 'Active (rule_set_active) or referenced (rule_set_referenced)' } },
      handler: async ({ params }) => {
        await archiveRuleSet(deps.orm, params.id);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get', path: '/rule-sets/:id/versions', operationId: 'listRuleSetVersions', tags, access: CONFIG_READ,
      summary: 'Every version of a rule set, newest first',
      params: ruleSetIdParam,
      responses: { 200: { description: 'The versions (without definitions)', schema: ruleSetVersionListSchema }, 404: { description: 'No such rule set' } },
      handler: async ({ params }) => ({ status: 200, body: { ruleSetId: params.id, items: await listVersions(em(), params.id) } }),
    }),
    defineRoute({
      method: 'get', path: '/rule-sets/:id/versions/:version', operationId: 'getRuleSetVersion', tags, access: CONFIG_READ,
      summary: 'One version of a rule set with its definition',
      params: ruleSetVersionParams,
      responses: { 200: { description: 'The version', schema: ruleSetVersionSchema }, 404: { description: 'No such rule set or version' } },
      handler: async ({ params }) => ({ status: 200, body: await getVersion(em(), params.id, params.version) }),
    }),
    defineRoute({
      method: 'post', path: '/rule-sets/:id/activate', operationId: 'activateRuleSet', tags, access: CONFIG_WRITE,
      summary: 'Make a version (default: the latest) the active one of its stage, replacing the previous one atomically',
      params: ruleSetIdParam, body: activateBody,
      responses: {
        200: { description: 'Active', schema: activationResponseSchema },
        404: { description: 'No such rule set' },
        409: { description: 'Archived' },
        422: { description: 'Not an activatable type (assignment / territory_filter), or no such version' },
      },
      handler: async ({ params, body, principal }) => ({ status: 200, body: await activateRuleSet(deps.orm, params.id, body.version, actorOf(principal)) }),
    }),
    defineRoute({
      method: 'post', path: '/rule-sets/:id/deactivate', operationId: 'deactivateRuleSet', tags, access: CONFIG_WRITE,
      summary: 'Stop running this set: its stage then has no active set (idempotent)',
      params: ruleSetIdParam,
      responses: {
        200: { description: 'Deactivated (deactivated: null when it was not active)', schema: z.object({ stage: z.string().nullable(), deactivated: z.object({ ruleSetId: z.uuid(), version: z.number().int() }).nullable() }) },
        404: { description: 'No such rule set' },
      },
      handler: async ({ params }) => ({ status: 200, body: await deactivateRuleSet(deps.orm, params.id) }),
    }),
    defineRoute({
      method: 'post', path: '/rule-sets/:id/simulate', operationId: 'simulateRuleSet', tags, access: SIMULATE,
      summary: 'Evaluate a stored version (default: the latest) against inline leads or stored leads chosen by a filter (changes nothing)',
      params: ruleSetIdParam, body: simulateStoredBody,
      responses: {
        200: { description: 'Per-lead results with traces, and a summary', schema: ruleSetSimulationSchema },
        404: { description: 'No such rule set' },
        422: { description: 'No such version, or an invalid filter condition' },
      },
      handler: async ({ params, body }) => {
        const now = nowOf(body.now);
        const reader = em();
        const stored = await loadRuleSetVersion(reader, params.id, body.version);
        if (!stored) {
          const summary = await findSummary(reader, params.id);
          if (!summary) throw notFound('rule set', params.id);
          throw new HttpProblem(422, 'unknown_version', `rule set '${params.id}' has no version ${body.version}`, {
            errors: [{ field: 'body.version', path: ['body', 'version'], message: `no such version (1-${summary.latestVersion})`, code: 'unknown_version' }],
          });
        }
        const { kind, subjects } = await selectSubjects(reader, body, now);
        const sim = simulateRuleSet(cache.compile(stored), subjects, now);
        return { status: 200, body: { ruleSet: { id: stored.ruleSetId, version: stored.version, type: stored.type, name: stored.definition.name }, now: now.toISOString(), source: kind, ...sim } };
      },
    }),
  ];
}
