// Taking an assessment of a lead: score the answers against the template's latest version
// (Active templates only), store the assessment and its `assessment_taken` audit event in one
// transaction, then tell the lead's workflow (counts as activity; a closed or missing workflow is fine).
import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { writeAuditEvent } from '../../activities/audit.js';
import { Assessment, AssessmentTemplateRecord, AssessmentTemplateVersion, Lead, type IAssessment } from '../../db/entities/index.js';
import { isAvailableForAssessments, scoreAssessment, type AssessmentAnswer, type TemplateStatus } from '../../rules/index.js';
import type { Logger } from '../../platform/logger.js';
import { actorLabel, leadActivitySignal, leadWorkflowId, type Actor } from '../../workflows/messages.js';
import { HttpProblem, fieldError, notFound } from '../http/problem.js';
import { invalidDefinition } from './definition-errors.js';
import { storedTemplate } from './assessment-templates.js';

export interface AssessmentView {
  id: string; leadId: string; templateId: string; templateVersion: number; templateName: string;
  answers: AssessmentAnswer[]; questionScores: unknown[]; totalScore: number; rating: string; feedback: string | null;
  recommendedTaskTemplates: unknown[]; unanswered?: string[]; actor: string; takenAt: string;
}

function toView(a: IAssessment, templateName: string): AssessmentView {
  return {
    id: a.id, leadId: a.leadId, templateId: a.templateId, templateVersion: a.templateVersion, templateName,
    answers: a.answers as AssessmentAnswer[], questionScores: a.questionScores, totalScore: a.totalScore, rating: a.rating,
    feedback: a.feedback ?? null, recommendedTaskTemplates: a.recommendedTaskTemplates, actor: a.actor, takenAt: a.takenAt.toISOString(),
  };
}

const templateField = (message: string, code: string) => [fieldError('body', ['templateId'], message, code)];

export interface TakeDeps { orm: MikroORM; temporal: Client; logger: Logger }

export async function takeAssessment(
  deps: TakeDeps, leadId: string, input: { templateId: string; answers: AssessmentAnswer[] }, actor: Actor, requestId: string,
): Promise<AssessmentView & { activitySignalled: boolean }> {
  const view = await deps.orm.em.fork().transactional(async (em: EntityManager) => {
    if (!(await em.findOne(Lead, { id: leadId }, { fields: ['id'] }))) throw notFound('lead', leadId);
    // A shared lock: the template cannot be retired or changed while this assessment is stored.
    const template = await em.findOne(AssessmentTemplateRecord, { id: input.templateId }, { lockMode: LockMode.PESSIMISTIC_READ });
    if (!template) throw new HttpProblem(422, 'unknown_template', `assessment template '${input.templateId}' does not exist`, { errors: templateField('no such assessment template', 'unknown_template') });
    if (!isAvailableForAssessments(template.status as TemplateStatus)) {
      throw new HttpProblem(409, 'template_not_active', `assessment template '${input.templateId}' is ${template.status}: only Active templates serve new assessments`, {
        errors: templateField(`the template is ${template.status}`, 'template_not_active'), extras: { templateStatus: template.status },
      });
    }
    const version = await em.findOneOrFail(AssessmentTemplateVersion, { templateId: template.id, version: template.latestVersion });
    const scored = scoreAssessment(storedTemplate(version.definition, template.status), input.answers);
    if (!scored.ok) throw invalidDefinition('invalid_answers', 'answers', scored.errors);
    const o = scored.value;
    const id = randomUUID();
    const row = {
      id, leadId, templateId: template.id, templateVersion: template.latestVersion, answers: input.answers, questionScores: o.perQuestion,
      totalScore: o.totalScore, rating: o.rating, feedback: o.feedback, recommendedTaskTemplates: o.recommendedTaskTemplates,
      actor: actorLabel(actor), requestId, takenAt: new Date(),
    };
    await em.insert(Assessment, row);
    await writeAuditEvent(em, {
      eventKey: `assessment/${id}`, leadId, action: 'assessment_taken', actor, requestId,
      after: {
        assessmentId: id, templateId: template.id, templateName: template.name, templateVersion: template.latestVersion,
        totalScore: o.totalScore, rating: o.rating, recommendedTaskTemplates: o.recommendedTaskTemplates.map((t) => t.taskTemplateId),
      },
    });
    return { ...toView(row as IAssessment, template.name), unanswered: o.unanswered };
  });
  return { ...view, activitySignalled: await signalActivity(deps, leadId, actor, view.takenAt) };
}

/** Best effort after the commit: the assessment is stored whatever the workflow's state. */
async function signalActivity(deps: TakeDeps, leadId: string, actor: Actor, at: string): Promise<boolean> {
  try {
    await deps.temporal.workflow.getHandle(leadWorkflowId(leadId)).signal(leadActivitySignal, { kind: 'assessment_taken', at, actor });
    return true;
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) deps.logger.warn({ err, leadId }, 'could not signal the lead workflow about an assessment');
    return false;
  }
}

async function templateNames(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
  const rows = ids.length ? await em.find(AssessmentTemplateRecord, { id: { $in: [...new Set(ids)] } }, { fields: ['id', 'name'] }) : [];
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function listAssessments(em: EntityManager, leadId: string): Promise<AssessmentView[]> {
  if (!(await em.findOne(Lead, { id: leadId }, { fields: ['id'] }))) throw notFound('lead', leadId);
  const rows = await em.find(Assessment, { leadId }, { orderBy: [{ takenAt: 'desc' }, { id: 'asc' }] });
  const names = await templateNames(em, rows.map((r) => r.templateId));
  return rows.map((r) => toView(r, names.get(r.templateId) ?? ''));
}

export async function getAssessment(em: EntityManager, leadId: string, assessmentId: string): Promise<AssessmentView> {
  const row = await em.findOne(Assessment, { id: assessmentId, leadId });
  if (!row) throw notFound('assessment', assessmentId);
  const names = await templateNames(em, [row.templateId]);
  return toView(row, names.get(row.templateId) ?? '');
}
