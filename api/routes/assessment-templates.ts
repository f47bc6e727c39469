// Assessment templates: CRUD with versions and the status rules (In progress / Active / Retired),
// copy, score ranges. Writes: admin. Reads: admin, manager, ops, and reps (who take assessments).
import type { AppDeps } from '../app-deps.js';
import type { Role } from '../auth/principal.js';
import { principalActor } from '../auth/principal.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import {
  copyTemplateBody, listTemplatesQuery, scoreRangesQuery, templateBodySchema, templateDetailSchema, templateIdParam, templatePageSchema,
  templateVersionListSchema, templateVersionParams, templateVersionSchema, templateWriteSchema, updateTemplateQuery, scoreRangesSchema,
} from '../schemas/assessments.js';
import {
  changeStatus, copyTemplateOf, createTemplate, deleteTemplate, getTemplate, getTemplateVersion, listTemplates, listTemplateVersions,
  templateScoreRanges, updateTemplate,
} from '../services/assessment-templates.js';
import { etag, expectedVersion } from '../services/versioning.js';
import { actorLabel } from '../../workflows/messages.js';
import { CONFIG_WRITE } from './rule-sets.js';

const READ: readonly Role[] = ['admin', 'manager', 'ops', 'rep'];
const tags = ['assessment templates'];

export function assessmentTemplateRoutes(deps: AppDeps): RouteSpec[] {
  const em = () => deps.orm.em.fork();
  const withEtag = <T extends { latestVersion: number }>(status: number, body: T) => ({ status, headers: { ETag: etag(body.latestVersion) }, body });
  return [
    defineRoute({
      method: 'post', path: '/assessment-templates', operationId: 'createAssessmentTemplate', tags, access: CONFIG_WRITE,
      summary: 'Create an assessment template (In progress, version 1)',
      body: templateBodySchema,
      responses: { 201: { description: 'Created', schema: templateDetailSchema }, 422: { description: 'Invalid template: errors[] name each body.<json path>' } },
      handler: async ({ body, principal }) => {
        const created = await createTemplate(deps.orm, body, actorLabel(principalActor(principal)));
        return { ...withEtag(201, created), headers: { ETag: etag(1), Location: `/assessment-templates/${created.id}` } };
      },
    }),
    defineRoute({
      method: 'get', path: '/assessment-templates', operationId: 'listAssessmentTemplates', tags, access: READ,
      summary: 'List assessment templates by name (cursor pagination; filter by status)',
      query: listTemplatesQuery,
      responses: { 200: { description: 'A page of templates', schema: templatePageSchema } },
      handler: async ({ query }) => ({ status: 200, body: await listTemplates(em(), query) }),
    }),
    defineRoute({
      method: 'get', path: '/assessment-templates/:id', operationId: 'getAssessmentTemplate', tags, access: READ,
      summary: 'An assessment template: status and latest version',
      params: templateIdParam,
      responses: { 200: { description: 'The template', schema: templateDetailSchema }, 404: { description: 'No such template' } },
      handler: async ({ params }) => withEtag(200, await getTemplate(em(), params.id)),
    }),
    defineRoute({
      method: 'put', path: '/assessment-templates/:id', operationId: 'updateAssessmentTemplate', tags, access: CONFIG_WRITE,
      summary: 'Edit a template (a new version). In progress: anything; Active: textual edits only; Retired: nothing',
      params: templateIdParam, query: updateTemplateQuery, body: templateBodySchema,
      responses: {
        200: { description: 'The new (or unchanged) latest version', schema: templateWriteSchema },
        404: { description: 'No such template' },
        409: { description: 'Active template and a structural change (errors[] name the fields), Retired template, or a stale expected version' },
        422: { description: 'Invalid template' },
      },
      handler: async ({ params, query, body, principal, req }) =>
        withEtag(200, await updateTemplate(deps.orm, params.id, body, actorLabel(principalActor(principal)), expectedVersion(req, query.expectedVersion))),
    }),
    defineRoute({
      method: 'delete', path: '/assessment-templates/:id', operationId: 'deleteAssessmentTemplate', tags, access: CONFIG_WRITE,
      summary: 'Delete an In progress template (204); an Active one is retired instead (200); a Retired one: 409',
      params: templateIdParam,
      responses: { 204: { description: 'Deleted' }, 200: { description: 'Retired instead', schema: templateDetailSchema }, 404: { description: 'No such template' }, 409: { description: 'Retired' } },
      handler: async ({ params }) => {
        const retired = await deleteTemplate(deps.orm, params.id);
        return retired ? { status: 200, body: retired } : { status: 204 };
      },
    }),
    defineRoute({
      method: 'post', path: '/assessment-templates/:id/activate', operationId: 'activateAssessmentTemplate', tags, access: CONFIG_WRITE,
      summary: 'In progress -> Active (available for assessments)',
      params: templateIdParam,
      responses: { 200: { description: 'Active', schema: templateDetailSchema }, 404: { description: 'No such template' }, 409: { description: 'Not In progress' } },
      handler: async ({ params }) => ({ status: 200, body: await changeStatus(deps.orm, params.id, 'activate') }),
    }),
    defineRoute({
      method: 'post', path: '/assessment-templates/:id/retire', operationId: 'retireAssessmentTemplate', tags, access: CONFIG_WRITE,
      summary: 'Active -> Retired (no new assessments; existing ones keep their version)',
      params: templateIdParam,
      responses: { 200: { description: 'Retired', schema: templateDetailSchema }, 404: { description: 'No such template' }, 409: { description: 'Not Active' } },
      handler: async ({ params }) => ({ status: 200, body: await changeStatus(deps.orm, params.id, 'retire') }),
    }),
    defineRoute({
      method: 'post', path: '/assessment-templates/:id/copy', operationId: 'copyAssessmentTemplate', tags, access: CONFIG_WRITE,
      summary: 'Copy any template (Retired ones too) into a new In progress template',
      params: templateIdParam, body: copyTemplateBody,
      responses: { 201: { description: 'The copy', schema: templateDetailSchema }, 404: { description: 'No such template' } },
      handler: async ({ params, body, principal }) => {
        const copy = await copyTemplateOf(deps.orm, params.id, body.name, actorLabel(principalActor(principal)));
        return { status: 201, headers: { Location: `/assessment-templates/${copy.id}`, ETag: etag(1) }, body: copy };
      },
    }),
    defineRoute({
      method: 'get', path: '/assessment-templates/:id/versions', operationId: 'listAssessmentTemplateVersions', tags, access: READ,
      summary: 'Every version of a template, newest first',
      params: templateIdParam,
      responses: { 200: { description: 'The versions', schema: templateVersionListSchema }, 404: { description: 'No such template' } },
      handler: async ({ params }) => ({ status: 200, body: { templateId: params.id, items: await listTemplateVersions(em(), params.id) } }),
    }),
    defineRoute({
      method: 'get', path: '/assessment-templates/:id/versions/:version', operationId: 'getAssessmentTemplateVersion', tags, access: READ,
      summary: 'One version of a template',
      params: templateVersionParams,
      responses: { 200: { description: 'The version', schema: templateVersionSchema }, 404: { description: 'No such template or version' } },
      handler: async ({ params }) => ({ status: 200, body: await getTemplateVersion(em(), params.id, params.version) }),
    }),
    defineRoute({
      method: 'get', path: '/assessment-templates/:id/score-ranges', operationId: 'getAssessmentTemplateScoreRanges', tags, access: READ,
      summary: 'The score range of each rating (computed, or the manual adjustment) and the task templates linked to score ranges',
      params: templateIdParam, query: scoreRangesQuery,
      responses: { 200: { description: 'Ranges, best rating first', schema: scoreRangesSchema }, 404: { description: 'No such template or version' } },
      handler: async ({ params, query }) => ({ status: 200, body: await templateScoreRanges(em(), params.id, query.version) }),
    }),
  ];
}
