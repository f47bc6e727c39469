// Assessment templates for the API: immutable versions, and the status rules of
// rules/assessment/status.ts (In progress: anything; Active: textual edits only, delete retires;
// Retired: nothing but copy). Every write is one transaction on the locked template row.
import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { AssessmentTemplateRecord, AssessmentTemplateVersion, type IAssessmentTemplateRecord } from '../../db/entities/index.js';
import {
  assessmentTemplateSchema, computeScoreRanges, copyTemplate, decideTemplateCommand, scoreRanges, structuralChanges, validateAssessmentTemplate,
  type AssessmentTemplate, type TemplateCommand, type TemplateStatus,
} from '../../rules/index.js';
import { HttpProblem, conflict, fieldError, notFound } from '../http/problem.js';
import type { TemplateBody } from '../schemas/assessments.js';
import { canonicalJson } from './canonical-json.js';
import { invalidDefinition } from './definition-errors.js';
import { decodeCursor, encodeCursor, staleVersion } from './versioning.js';

export interface TemplateSummary {
  id: string; name: string; status: TemplateStatus; businessObject: string; latestVersion: number; copiedFromId: string | null;
  createdBy: string; createdAt: string; updatedAt: string;
}
export interface TemplateDetail extends TemplateSummary { version: number; definition: AssessmentTemplate }

function toSummary(r: IAssessmentTemplateRecord): TemplateSummary {
  return {
    id: r.id, name: r.name, status: r.status as TemplateStatus, businessObject: r.businessObject, latestVersion: r.latestVersion,
    copiedFromId: r.copiedFromId ?? null, createdBy: r.createdBy, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
  };
}

/** A stored definition as the rules see it: re-parsed (jsonb does not keep key order) with the row's status. */
export function storedTemplate(definition: unknown, status: string): AssessmentTemplate {
  return assessmentTemplateSchema.parse({ ...(definition as Record<string, unknown>), status });
}

function validated(body: TemplateBody, id: string, status: TemplateStatus): AssessmentTemplate {
  const result = validateAssessmentTemplate({ ...body, id, status });
  if (!result.ok) throw invalidDefinition('invalid_assessment_template', 'assessment template', result.errors);
  return result.value;
}

async function lockTemplate(em: EntityManager, id: string): Promise<IAssessmentTemplateRecord> {
  const row = await em.findOne(AssessmentTemplateRecord, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!row) throw notFound('assessment template', id);
  return row;
}

async function versionOf(em: EntityManager, row: IAssessmentTemplateRecord, version = row.latestVersion): Promise<AssessmentTemplate | null> {
  const v = await em.findOne(AssessmentTemplateVersion, { templateId: row.id, version });
  return v ? storedTemplate(v.definition, row.status) : null;
}

function refused(status: TemplateStatus, command: TemplateCommand, id: string): HttpProblem | null {
  const decision = decideTemplateCommand(status, command);
  if (decision.allowed) return null;
  return conflict(status === 'Retired' ? 'template_retired' : 'template_status_conflict', `${status} template '${id}': ${decision.reason}`, { templateStatus: status });
}

export async function getTemplate(em: EntityManager, id: string): Promise<TemplateDetail> {
  const row = await em.findOne(AssessmentTemplateRecord, { id });
  if (!row) throw notFound('assessment template', id);
  const definition = (await versionOf(em, row))!;
  return { ...toSummary(row), version: row.latestVersion, definition };
}

async function insertTemplate(em: EntityManager, t: AssessmentTemplate, actor: string, copiedFromId: string | null): Promise<void> {
  await em.insert(AssessmentTemplateRecord, { id: t.id, name: t.name, status: 'In progress', businessObject: t.businessObject, latestVersion: 1, copiedFromId, createdBy: actor });
  await em.insert(AssessmentTemplateVersion, { templateId: t.id, version: 1, definition: t, createdBy: actor });
}

export async function createTemplate(orm: MikroORM, body: TemplateBody, actor: string): Promise<TemplateDetail> {
  const t = validated(body, randomUUID(), 'In progress');
  await orm.em.fork().transactional((em: EntityManager) => insertTemplate(em, t, actor, null));
  return getTemplate(orm.em.fork(), t.id);
}

/** A new version; an Active template takes textual edits only (409 naming each structural change). */
export async function updateTemplate(orm: MikroORM, id: string, body: TemplateBody, actor: string, expected: number | undefined): Promise<TemplateDetail & { changed: boolean }> {
  const changed = await orm.em.fork().transactional(async (em: EntityManager) => {
    const row = await lockTemplate(em, id);
    const status = row.status as TemplateStatus;
    const before = (await versionOf(em, row))!;
    if (status === 'Retired') throw refused(status, { kind: 'edit', before, after: before }, id)!;
    if (expected !== undefined && expected !== row.latestVersion) throw staleVersion('assessment template', id, expected, row.latestVersion);
    const after = validated(body, id, status);
    if (!decideTemplateCommand(status, { kind: 'edit', before, after }).allowed) {
      const changes = structuralChanges(before, after);
      throw new HttpProblem(409, 'template_not_editable', `an Active template allows only textual edits (descriptions, question text and order, response text, range feedback): ${changes.map((c) => c.message).join('; ')}`, {
        errors: changes.map((c) => fieldError('body', c.path, c.message, 'structural_change')),
        extras: { templateStatus: status },
      });
    }
    if (canonicalJson(before) === canonicalJson(after)) return false;
    const version = row.latestVersion + 1;
    await em.insert(AssessmentTemplateVersion, { templateId: id, version, definition: after, createdBy: actor });
    await em.nativeUpdate(AssessmentTemplateRecord, { id }, { name: after.name, latestVersion: version, updatedAt: new Date() });
    return true;
  });
  return { ...(await getTemplate(orm.em.fork(), id)), changed };
}

/** activate (In progress -> Active) or retire (Active -> Retired). */
export async function changeStatus(orm: MikroORM, id: string, kind: 'activate' | 'retire'): Promise<TemplateDetail> {
  await orm.em.fork().transactional(async (em: EntityManager) => {
    const row = await lockTemplate(em, id);
    const problem = refused(row.status as TemplateStatus, { kind }, id);
    if (problem) throw problem;
    await em.nativeUpdate(AssessmentTemplateRecord, { id }, { status: kind === 'activate' ? 'Active' : 'Retired', updatedAt: new Date() });
  });
  return getTemplate(orm.em.fork(), id);
}

/** In progress: deleted (null). Active: retired instead (the template). Retired: 409. */
export async function deleteTemplate(orm: MikroORM, id: string): Promise<TemplateDetail | null> {
  const deleted = await orm.em.fork().transactional(async (em: EntityManager) => {
    const row = await lockTemplate(em, id);
    const decision = decideTemplateCommand(row.status as TemplateStatus, { kind: 'delete' });
    if (!decision.allowed) throw refused(row.status as TemplateStatus, { kind: 'delete' }, id)!;
    if (decision.next === 'deleted') {
      await em.nativeDelete(AssessmentTemplateRecord, { id }); // versions cascade; an In progress template has no assessments
      return true;
    }
    await em.nativeUpdate(AssessmentTemplateRecord, { id }, { status: decision.next, updatedAt: new Date() });
    return false;
  });
  return deleted ? null : getTemplate(orm.em.fork(), id);
}

/** A new In progress template from any template (Retired ones too), version 1. */
export async function copyTemplateOf(orm: MikroORM, id: string, name: string | undefined, actor: string): Promise<TemplateDetail> {
  const source = await getTemplate(orm.em.fork(), id);
  const copy = copyTemplate(source.definition, randomUUID(), name);
  await orm.em.fork().transactional((em: EntityManager) => insertTemplate(em, copy, actor, id));
  return getTemplate(orm.em.fork(), copy.id);
}

export async function listTemplates(em: EntityManager, q: { limit: number; cursor?: string; status?: TemplateStatus }) {
  const where: Record<string, unknown> = {};
  if (q.status) where['status'] = q.status;
  if (q.cursor) {
    const [, name, id] = decodeCursor(q.cursor, 'name', 3);
    where['$or'] = [{ name: { $gt: name } }, { name, id: { $gt: id } }];
  }
  const rows = await em.find(AssessmentTemplateRecord, where, { orderBy: [{ name: 'asc' }, { id: 'asc' }], limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { items: page.map(toSummary), nextCursor: rows.length > q.limit && last ? encodeCursor(['name', last.name, last.id]) : null };
}

export async function listTemplateVersions(em: EntityManager, id: string) {
  if (!(await em.findOne(AssessmentTemplateRecord, { id }, { fields: ['id'] }))) throw notFound('assessment template', id);
  const rows = await em.find(AssessmentTemplateVersion, { templateId: id }, { orderBy: { version: 'desc' }, fields: ['version', 'createdBy', 'createdAt'] });
  return rows.map((v) => ({ templateId: id, version: v.version, createdBy: v.createdBy, createdAt: v.createdAt.toISOString() }));
}

export async function getTemplateVersion(em: EntityManager, id: string, version: number) {
  const row = await em.findOne(AssessmentTemplateRecord, { id });
  if (!row) throw notFound('assessment template', id);
  const v = await em.findOne(AssessmentTemplateVersion, { templateId: id, version });
  if (!v) throw new HttpProblem(404, 'not_found', `assessment template '${id}' has no version ${version}`, { extras: { resource: 'assessment template version', id, version } });
  return { templateId: id, version, createdBy: v.createdBy, createdAt: v.createdAt.toISOString(), definition: storedTemplate(v.definition, row.status) };
}

export async function templateScoreRanges(em: EntityManager, id: string, version?: number) {
  const v = version === undefined ? await getTemplate(em, id) : await getTemplateVersion(em, id, version);
  const t = v.definition;
  return { templateId: id, version: v.version, ranges: scoreRanges(t), computed: computeScoreRanges(t), manual: t.manualScoreRanges !== undefined, taskTemplates: t.taskTemplates };
}
