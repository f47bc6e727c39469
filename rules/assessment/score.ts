// Scores an assessment: each answered question gives weight × normalized response score / 100
// (rounded); free-form answers score 0; unanswered questions score 0. The total (0-100) falls in a
// rating's score range, which gives the rating and its feedback; task templates whose range holds
// the total are recommended.
import type { ValidationError, ValidationResult } from '../engine/errors.js';
import { normalizedScores, scoreRanges, weightedScore, type ScoreRange } from './score-ranges.js';
import { allQuestions, type AssessmentQuestion, type AssessmentTemplate, type TaskTemplateLink } from './schema.js';

export interface AssessmentAnswer {
  questionId: string;
  /** One of the question's responses... */
  responseId?: string;
  /** ...or a free-form answer (allowed when the question allows it; scores 0). */
  freeFormText?: string;
}

export interface QuestionScore {
  questionId: string;
  responseId: string | null;
  freeFormText: string | null;
  rating: string | null;
  normalizedScore: number;
  weightedScore: number;
}

export interface AssessmentOutcome {
  totalScore: number;
  rating: string;
  feedback: string | null;
  scoreRange: ScoreRange;
  recommendedTaskTemplates: TaskTemplateLink[];
  perQuestion: QuestionScore[];
  unanswered: string[];
}

export type AnswerErrorCode = 'unknown_question' | 'unknown_response' | 'duplicate_answer' | 'answer_required' | 'answer_conflict' | 'free_form_not_allowed';
export type AnswerError = ValidationError<AnswerErrorCode>;

function scoreAnswer(q: AssessmentQuestion, a: AssessmentAnswer, i: number, errors: AnswerError[]): QuestionScore | undefined {
  const at = (key: string): (string | number)[] => ['answers', i, key];
  if (a.responseId !== undefined && a.freeFormText !== undefined) {
    errors.push({ path: at('freeFormText'), code: 'answer_conflict', message: 'give either a responseId or a free-form answer' });
    return undefined;
  }
  if (a.responseId === undefined) {
    if (a.freeFormText === undefined) errors.push({ path: at('responseId'), code: 'answer_required', message: `question "${q.id}" needs a responseId or a free-form answer` });
    else if (!q.allowFreeForm) errors.push({ path: at('freeFormText'), code: 'free_form_not_allowed', message: `question "${q.id}" does not allow free-form answers` });
    else return { questionId: q.id, responseId: null, freeFormText: a.freeFormText, rating: null, normalizedScore: 0, weightedScore: 0 };
    return undefined;
  }
  const index = q.responses.findIndex((r) => r.id === a.responseId);
  const response = q.responses[index];
  if (!response) {
    errors.push({ path: at('responseId'), code: 'unknown_response', message: `"${a.responseId}" is not a response of question "${q.id}" (${q.responses.map((r) => r.id).join(', ')})` });
    return undefined;
  }
  const normalized = normalizedScores(q)[index]!;
  return { questionId: q.id, responseId: response.id, freeFormText: null, rating: response.rating, normalizedScore: normalized, weightedScore: weightedScore(q.weight, normalized) };
}

/** Scores answers against a validated template (see validateAssessmentTemplate). */
export function scoreAssessment(template: AssessmentTemplate, answers: readonly AssessmentAnswer[]): ValidationResult<AssessmentOutcome, AnswerError> {
  const questions = new Map(allQuestions(template).map((q) => [q.id, q]));
  const errors: AnswerError[] = [];
  const seen = new Map<string, number>();
  const scored = new Map<string, QuestionScore>();
  answers.forEach((a, i) => {
    const q = questions.get(a.questionId);
    if (!q) return errors.push({ path: ['answers', i, 'questionId'], code: 'unknown_question', message: `"${a.questionId}" is not a question of template "${template.id}"` });
    const first = seen.get(q.id);
    if (first !== undefined) return errors.push({ path: ['answers', i, 'questionId'], code: 'duplicate_answer', message: `question "${q.id}" is already answered by answers[${first}]` });
    seen.set(q.id, i);
    const s = scoreAnswer(q, a, i, errors);
    if (s) scored.set(q.id, s);
  });
  if (errors.length > 0) return { ok: false, errors };
  const perQuestion = [...questions.values()].flatMap((q) => scored.get(q.id) ?? []);
  const raw = perQuestion.reduce((sum, s) => sum + s.weightedScore, 0);
  const totalScore = Math.min(100, Math.max(0, raw));
  const ranges = scoreRanges(template);
  const range = ranges.find((r) => totalScore >= r.low && totalScore <= r.high) ?? ranges[ranges.length - 1]!;
  return {
    ok: true,
    value: {
      totalScore, rating: range.rating, feedback: range.feedback, scoreRange: range,
      recommendedTaskTemplates: template.taskTemplates.filter((l) => totalScore >= l.minScore && totalScore <= l.maxScore),
      perQuestion,
      unanswered: [...questions.keys()].filter((id) => !scored.has(id)),
    },
  };
}
