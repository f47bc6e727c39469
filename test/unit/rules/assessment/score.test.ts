// scoreAssessment: total, rating, feedback, recommended task templates, per-question detail, errors.
import { scoreAssessment, type AssessmentAnswer } from '../../../../rules/index.js';
import { template, winWinInput } from './fixtures.js';

const answers = (customerWin?: string, ourWin?: string): AssessmentAnswer[] => [
  ...(customerWin ? [{ questionId: 'customer-win', responseId: customerWin }] : []),
  ...(ourWin ? [{ questionId: 'our-win', responseId: ourWin }] : []),
];
function outcome(a: AssessmentAnswer[]) {
  const r = scoreAssessment(template(), a);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('scoreAssessment', () => {
  it.each([
    ['cost', 'partnership', 100, 'Excellent', 'Engage now', ['engage-bdm']],
    ['cost', 'reference', 68, 'Excellent', 'Engage now', ['follow-up']],
    ['revenue', 'reference', 64, 'Average', 'Keep qualifying', ['follow-up']],
    ['unknown', 'reference', 53, 'Average', 'Keep qualifying', ['follow-up']],
    ['unknown', 'resale', 45, 'Poor', 'Consider retiring the lead', ['follow-up']],
    ['other', undefined, 11, 'Poor', 'Consider retiring the lead', []],
  ])('%s + %s = %p (%s)', (c, o, total, rating, feedback, tasks) => {
    const r = outcome(answers(c, o));
    expect(r).toMatchObject({ totalScore: total, rating, feedback });
    expect(r.recommendedTaskTemplates.map((t) => t.taskTemplateId)).toEqual(tasks);
  });

  it('reports each question: normalized and weighted score, rating; unanswered questions score 0', () => {
    const r = outcome([{ questionId: 'customer-win', responseId: 'other' }, { questionId: 'issue', freeFormText: 'Energy costs' }]);
    expect(r.perQuestion).toEqual([
      { questionId: 'customer-win', responseId: 'other', freeFormText: null, rating: 'Average', normalizedScore: 53, weightedScore: 11 },
      { questionId: 'issue', responseId: null, freeFormText: 'Energy costs', rating: null, normalizedScore: 0, weightedScore: 0 },
    ]);
    expect(r.unanswered).toEqual(['our-win']);
    expect(r.scoreRange).toEqual({ rating: 'Poor', low: 0, high: 45, feedback: 'Consider retiring the lead' });
  });

  it('rejects unknown questions and responses, duplicates, and free-form answers where not allowed', () => {
    const r = scoreAssessment(template(), [
      { questionId: 'budget', responseId: 'yes' },
      { questionId: 'our-win', responseId: 'merger' },
      { questionId: 'customer-win', responseId: 'cost' },
      { questionId: 'customer-win', responseId: 'other' },
      { questionId: 'our-win', freeFormText: 'a merger' },
      { questionId: 'issue' },
    ]);
    expect(r.ok ? [] : r.errors.map(({ path, code }) => [path.join('.'), code])).toEqual([
      ['answers.0.questionId', 'unknown_question'],
      ['answers.1.responseId', 'unknown_response'],
      ['answers.3.questionId', 'duplicate_answer'],
      ['answers.4.questionId', 'duplicate_answer'],
      ['answers.5.responseId', 'answer_required'],
    ]);
    const f = scoreAssessment(template(), [{ questionId: 'our-win', freeFormText: 'a merger' }]);
    expect(f.ok ? [] : f.errors.map((e) => e.code)).toEqual(['free_form_not_allowed']);
    const both = scoreAssessment(template(), [{ questionId: 'issue', responseId: 'x', freeFormText: 'y' }]);
    expect(both.ok ? [] : both.errors.map((e) => e.code)).toEqual(['answer_conflict']);
  });

  it('uses manual score ranges when the template has them', () => {
    const manual = template({ ...winWinInput, manualScoreRanges: [{ rating: 'Poor', low: 0, high: 49 }, { rating: 'Average', low: 50, high: 69 }, { rating: 'Excellent', low: 70, high: 100 }] });
    const r = scoreAssessment(manual, answers('cost', 'reference'));
    expect(r.ok && [r.value.totalScore, r.value.rating]).toEqual([68, 'Average']);
  });
});
