// validateAssessmentTemplate: the schema plus the template rules from the seeds, each error with
// its JSON path: weights total exactly 100, each group has a question, each scored question has at
// least two responses covering at least two ratings, response ratings exist, ids are unique, and
// the score ranges come out ordered (higher ratings need higher scores) or the manual ranges cover 0-100.
import type { ValidationError, ValidationResult } from '../engine/errors.js';
import { flattenIssues, type ShapeError } from '../engine/zod-issues.js';
import { computeScoreRanges } from './score-ranges.js';
import { allQuestions, assessmentTemplateSchema, isFreeFormOnly, type AssessmentTemplate } from './schema.js';

export type AssessmentErrorCode =
  | ShapeError['code'] | 'duplicate_id' | 'empty_group' | 'unknown_rating' | 'free_form_weight' | 'too_few_responses'
  | 'too_few_ratings' | 'no_positive_score' | 'weights_total' | 'invalid_range' | 'score_range_gap' | 'score_range_overlap'
  | 'score_ranges_inconsistent';
export type AssessmentError = ValidationError<AssessmentErrorCode>;

function duplicates<T>(items: readonly T[], key: (t: T) => string, path: (i: number) => (string | number)[], what: string, errors: AssessmentError[]): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) errors.push({ path: path(i), code: 'duplicate_id', message: `${what} "${k}" is used twice` });
    seen.add(k);
  });
}

function push(errors: AssessmentError[], path: (string | number)[], code: AssessmentErrorCode, message: string): void {
  errors.push({ path, code, message });
}

function checkQuestions(t: AssessmentTemplate, errors: AssessmentError[]): void {
  const ratingNames = t.ratings.map((r) => r.name);
  t.groups.forEach((g, gi) => {
    if (g.questions.length === 0) push(errors, ['groups', gi, 'questions'], 'empty_group', `question group "${g.name}" needs at least one question`);
    g.questions.forEach((q, qi) => {
      const at = (...p: (string | number)[]) => ['groups', gi, 'questions', qi, ...p];
      duplicates(q.responses, (r) => r.id, (ri) => at('responses', ri, 'id'), 'response id', errors);
      q.responses.forEach((r, ri) => {
        if (!ratingNames.includes(r.rating)) push(errors, at('responses', ri, 'rating'), 'unknown_rating', `"${r.rating}" is not one of the template's ratings (${ratingNames.join(', ')})`);
      });
      if (isFreeFormOnly(q)) {
        if (q.weight !== 0) push(errors, at('weight'), 'free_form_weight', 'a free-form only question is never scored: its weight must be 0');
        return;
      }
      if (q.responses.length < 2) push(errors, at('responses'), 'too_few_responses', 'a question needs at least two responses unless it is free-form only');
      else if (new Set(q.responses.map((r) => r.rating)).size < 2) push(errors, at('responses'), 'too_few_ratings', 'the responses of a question must cover at least two ratings');
      if (q.responses.length > 0 && Math.max(...q.responses.map((r) => r.score)) <= 0) push(errors, at('responses'), 'no_positive_score', 'the highest response score must be positive (it normalizes to 100)');
    });
  });
  const total = allQuestions(t).reduce((s, q) => s + q.weight, 0);
  if (total !== 100) push(errors, ['groups'], 'weights_total', `question weights total ${total}; they must total exactly 100`);
}

function checkRanges(t: AssessmentTemplate, errors: AssessmentError[]): void {
  if (t.manualScoreRanges) {
    const order = t.ratings.map((r) => r.name).reverse();
    const ranges = t.manualScoreRanges;
    const byRating = order.map((name) => ranges.findIndex((r) => r.rating === name));
    ranges.forEach((r, i) => {
      if (!order.includes(r.rating)) push(errors, ['manualScoreRanges', i, 'rating'], 'unknown_rating', `"${r.rating}" is not one of the template's ratings`);
    });
    let expectedLow = 0;
    byRating.forEach((index, k) => {
      const r = ranges[index];
      if (!r) return push(errors, ['manualScoreRanges'], 'score_range_gap', `no range for rating "${order[k]}"`);
      if (r.low !== expectedLow) push(errors, ['manualScoreRanges', index, 'low'], r.low < expectedLow ? 'score_range_overlap' : 'score_range_gap', `"${r.rating}" must start at ${expectedLow}`);
      if (r.high < r.low) push(errors, ['manualScoreRanges', index, 'high'], 'invalid_range', 'high is below low');
      expectedLow = r.high + 1;
    });
    if (expectedLow !== 101 && byRating.every((i) => i >= 0)) push(errors, ['manualScoreRanges'], 'score_range_gap', 'the best rating must end at 100');
    return;
  }
  const ranges = computeScoreRanges(t);
  const broken = ranges.filter((r) => r.high < r.low || r.high > 100);
  const top = ranges[0];
  if (broken.length > 0 || (top && top.high !== 100)) {
    const shown = ranges.map((r) => `${r.rating} ${r.low}-${r.high}`).join(', ');
    push(errors, ['ratings'], 'score_ranges_inconsistent', `scores and ratings do not correlate (higher ratings need higher scores): ${shown}`);
  }
}

export function validateAssessmentTemplate(input: unknown): ValidationResult<AssessmentTemplate, AssessmentError> {
  const parsed = assessmentTemplateSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: flattenIssues(parsed.error.issues, input) };
  const t = parsed.data;
  const errors: AssessmentError[] = [];
  duplicates(t.ratings, (r) => r.name, (i) => ['ratings', i, 'name'], 'rating', errors);
  duplicates(t.groups, (g) => g.id, (i) => ['groups', i, 'id'], 'group id', errors);
  const qPaths = t.groups.flatMap((g, gi) => g.questions.map((q, qi) => ({ q, path: ['groups', gi, 'questions', qi, 'id'] })));
  duplicates(qPaths, (x) => x.q.id, (i) => qPaths[i]!.path, 'question id', errors);
  t.taskTemplates.forEach((l, i) => {
    if (l.minScore > l.maxScore) push(errors, ['taskTemplates', i], 'invalid_range', `minScore ${l.minScore} is above maxScore ${l.maxScore}`);
  });
  checkQuestions(t, errors);
  if (errors.length === 0) checkRanges(t, errors);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: t };
}
