// Assessment templates (configuration with a status and immutable versions) and the assessments
// taken of leads (answers, total score, rating, feedback, recommended task templates).
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Lead } from './lead.js';

export const AssessmentTemplateRecord = defineEntity({
  name: 'AssessmentTemplateRecord',
  tableName: 'assessment_template',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(200),
    /** In progress | Active | Retired (rules/assessment/status.ts decides what each allows). */
    status: p.string().length(20).default('In progress'),
    businessObject: p.string().length(20).default('lead'),
    latestVersion: p.integer(),
    copiedFromId: p.uuid().nullable(),
    createdBy: p.string().length(200),
    createdAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
  indexes: [
    { name: 'assessment_template_name_idx', properties: ['name', 'id'] },
    { name: 'assessment_template_status_idx', properties: ['status'] },
  ],
  checks: [{ name: 'assessment_template_status_check', expression: "status in ('In progress', 'Active', 'Retired')" }],
});
export type IAssessmentTemplateRecord = InferEntity<typeof AssessmentTemplateRecord>;

export const AssessmentTemplateVersion = defineEntity({
  name: 'AssessmentTemplateVersion',
  tableName: 'assessment_template_version',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    templateId: p.manyToOne(AssessmentTemplateRecord).mapToPk().fieldName('template_id').deleteRule('cascade'),
    version: p.integer(),
    /** The template as validated (defaults applied), `id` = template id; its `status` is the row's. */
    definition: p.json<Record<string, unknown>>(),
    createdBy: p.string().length(200),
    createdAt: p.datetime().defaultRaw('now()'),
  },
  uniques: [{ name: 'assessment_template_version_unique', properties: ['templateId', 'version'] }],
});
export type IAssessmentTemplateVersion = InferEntity<typeof AssessmentTemplateVersion>;

export const Assessment = defineEntity({
  name: 'Assessment',
  tableName: 'assessment',
  properties: {
    id: p.uuid().primary(),
    leadId: p.manyToOne(Lead).mapToPk().fieldName('lead_id'),
    templateId: p.manyToOne(AssessmentTemplateRecord).mapToPk().fieldName('template_id'),
    templateVersion: p.integer(),
    answers: p.json<unknown[]>(),
    /** Per question: response, rating, normalized and weighted score. */
    questionScores: p.json<unknown[]>(),
    totalScore: p.integer(),
    rating: p.string().length(50),
    feedback: p.text().nullable(),
    recommendedTaskTemplates: p.json<unknown[]>(),
    actor: p.string().length(200),
    requestId: p.string().length(100).nullable(),
    takenAt: p.datetime().defaultRaw('now()'),
  },
  indexes: [{ name: 'assessment_lead_idx', properties: ['leadId', 'takenAt'] }],
});
export type IAssessment = InferEntity<typeof Assessment>;
