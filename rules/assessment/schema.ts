// Assessment templates (Oracle Fusion): question groups, weighted questions, responses with raw
// scores and ratings, ordered ratings with feedback, task templates linked to score ranges.
import { z } from 'zod';

export const TEMPLATE_STATUSES = ['In progress', 'Active', 'Retired'] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

/** Best first. */
export const DEFAULT_ASSESSMENT_RATINGS = ['Excellent', 'Average', 'Poor'] as const;

const id = z.string().trim().min(1).max(100);
const text = (max: number) => z.string().trim().min(1).max(max);

export const assessmentRatingSchema = z.strictObject({
  name: text(50),
  /** Feedback shown when an assessment's total falls in this rating's score range. */
  feedback: z.string().max(1000).optional(),
  color: z.string().max(30).optional(),
});

export const assessmentResponseSchema = z.strictObject({
  id,
  text: text(500),
  description: z.string().max(2000).optional(),
  /** Raw score, no bounds; normalized so the question's highest response scores 100. */
  score: z.number().refine(Number.isFinite, 'expected a finite number'),
  rating: text(50),
});

export const assessmentQuestionSchema = z.strictObject({
  id,
  text: text(1000),
  /** Percent; the weights of all questions total exactly 100. */
  weight: z.int().min(0).max(100),
  responses: z.array(assessmentResponseSchema).max(50).default([]),
  /** A free-form answer is allowed (never scored). With no responses the question is free-form only. */
  allowFreeForm: z.boolean().default(false),
});

export const questionGroupSchema = z.strictObject({
  id,
  name: text(200),
  questions: z.array(assessmentQuestionSchema).max(200),
});

export const taskTemplateLinkSchema = z.strictObject({
  taskTemplateId: id,
  name: text(200).optional(),
  minScore: z.int().min(0).max(100),
  maxScore: z.int().min(0).max(100),
});

/** A manual adjustment of the computed score ranges (must cover 0-100 in rating order). */
export const manualScoreRangeSchema = z.strictObject({ rating: text(50), low: z.int().min(0).max(100), high: z.int().min(0).max(100) });

export const assessmentTemplateSchema = z.strictObject({
  id,
  name: text(200),
  description: z.string().max(4000).optional(),
  businessObject: z.enum(['lead', 'opportunity']).default('lead'),
  status: z.enum(TEMPLATE_STATUSES).default('In progress'),
  /** Ordered best first. */
  ratings: z.array(assessmentRatingSchema).min(2).max(10).default(DEFAULT_ASSESSMENT_RATINGS.map((name) => ({ name }))),
  groups: z.array(questionGroupSchema).min(1).max(50),
  taskTemplates: z.array(taskTemplateLinkSchema).max(100).default([]),
  manualScoreRanges: z.array(manualScoreRangeSchema).optional(),
});

export type AssessmentTemplate = z.output<typeof assessmentTemplateSchema>;
export type AssessmentTemplateInput = z.input<typeof assessmentTemplateSchema>;
export type AssessmentQuestion = AssessmentTemplate['groups'][number]['questions'][number];
export type AssessmentResponse = AssessmentQuestion['responses'][number];
export type TaskTemplateLink = AssessmentTemplate['taskTemplates'][number];

export function allQuestions(t: Pick<AssessmentTemplate, 'groups'>): AssessmentQuestion[] {
  return t.groups.flatMap((g) => g.questions);
}

export function isFreeFormOnly(q: AssessmentQuestion): boolean {
  return q.responses.length === 0 && q.allowFreeForm;
}
