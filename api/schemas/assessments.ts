// Assessment template and assessment request/response schemas. A template body is the template
// without `id` and `status` (server-assigned; the status changes with activate / retire / delete).
import { z } from 'zod';
import { TEMPLATE_STATUSES, assessmentTemplateSchema } from '../../rules/index.js';
import { isoDateTime } from './common.js';

export const templateBodySchema = assessmentTemplateSchema.omit({ id: true, status: true });
export type TemplateBody = z.output<typeof templateBodySchema>;

export const templateIdParam = z.strictObject({ id: z.uuid({ message: 'must be a UUID' }) });
export const templateVersionParams = z.strictObject({ id: z.uuid({ message: 'must be a UUID' }), version: z.coerce.number().int().min(1).max(1_000_000) });

export const listTemplatesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(1000).optional(),
  status: z.enum(TEMPLATE_STATUSES).optional(),
});
export const updateTemplateQuery = z.strictObject({ expectedVersion: z.coerce.number().int().min(1).optional() });
export const scoreRangesQuery = z.strictObject({ version: z.coerce.number().int().min(1).optional() });
export const copyTemplateBody = z.strictObject({ name: z.string().trim().min(1).max(200).optional().describe('default: "Copy of <name>"') });

const definition = z.record(z.string(), z.unknown()).describe('the template as validated (defaults applied), id = the template id');

export const templateSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(TEMPLATE_STATUSES),
  businessObject: z.string(),
  latestVersion: z.number().int(),
  copiedFromId: z.uuid().nullable(),
  createdBy: z.string(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export const templateDetailSchema = templateSummarySchema.extend({ version: z.number().int(), definition });
export const templateWriteSchema = templateDetailSchema.extend({ changed: z.boolean() });
export const templatePageSchema = z.object({ items: z.array(templateSummarySchema), nextCursor: z.string().nullable() });
export const templateVersionSchema = z.object({ templateId: z.uuid(), version: z.number().int(), createdBy: z.string(), createdAt: isoDateTime, definition });
export const templateVersionListSchema = z.object({ templateId: z.uuid(), items: z.array(templateVersionSchema.omit({ definition: true })) });

const range = z.object({ rating: z.string(), low: z.number().int(), high: z.number().int(), feedback: z.string().nullable() });
export const scoreRangesSchema = z.object({
  templateId: z.uuid(),
  version: z.number().int(),
  /** The ranges in force (the manual adjustment when given), best rating first. */
  ranges: z.array(range),
  computed: z.array(range),
  manual: z.boolean(),
  taskTemplates: z.array(z.object({ taskTemplateId: z.string(), name: z.string().optional(), minScore: z.number().int(), maxScore: z.number().int() })),
});

export const answerSchema = z.strictObject({
  questionId: z.string().trim().min(1).max(100),
  responseId: z.string().trim().min(1).max(100).optional(),
  freeFormText: z.string().trim().min(1).max(4000).optional(),
});
export const takeAssessmentBody = z.strictObject({
  templateId: z.uuid({ message: 'must be a UUID' }),
  answers: z.array(answerSchema).max(500),
});
export const leadAssessmentParams = z.strictObject({ id: z.uuid({ message: 'must be a UUID' }), assessmentId: z.uuid({ message: 'must be a UUID' }) });

export const assessmentSchema = z.object({
  id: z.uuid(),
  leadId: z.uuid(),
  templateId: z.uuid(),
  templateVersion: z.number().int(),
  templateName: z.string(),
  answers: z.array(answerSchema),
  questionScores: z.array(z.object({
    questionId: z.string(), responseId: z.string().nullable(), freeFormText: z.string().nullable(), rating: z.string().nullable(),
    normalizedScore: z.number(), weightedScore: z.number(),
  })),
  totalScore: z.number().int(),
  rating: z.string(),
  feedback: z.string().nullable(),
  recommendedTaskTemplates: z.array(z.object({ taskTemplateId: z.string(), name: z.string().optional(), minScore: z.number().int(), maxScore: z.number().int() })),
  unanswered: z.array(z.string()).optional(),
  actor: z.string(),
  takenAt: isoDateTime,
});
export const takenAssessmentSchema = assessmentSchema.extend({
  /** false: the lead's workflow could not be told (closed, or not running); the assessment is stored. */
  activitySignalled: z.boolean(),
});
export const assessmentListSchema = z.object({ leadId: z.uuid(), items: z.array(assessmentSchema) });
