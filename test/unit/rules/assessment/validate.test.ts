// validateAssessmentTemplate: the seed's template rules, each error with its path.
import { validateAssessmentTemplate } from '../../../../rules/index.js';
import { winWinInput } from './fixtures.js';

type Input = Record<string, unknown> & typeof winWinInput;
function errorsOf(edit: (t: Input) => void): [string, string][] {
  const t = structuredClone(winWinInput) as Input;
  edit(t);
  const r = validateAssessmentTemplate(t);
  return r.ok ? [] : r.errors.map(({ path, code }) => [path.join('.'), code]);
}
const q = (t: Input, gi: number, qi: number) => t.groups[gi]!.questions[qi]! as Record<string, unknown> & { responses: { id: string; rating: string; score: number }[] };

describe('validateAssessmentTemplate', () => {
  it('accepts the seed example and defaults the status and ratings', () => {
    const r = validateAssessmentTemplate({ ...winWinInput, ratings: undefined });
    expect(r.ok && [r.value.status, r.value.ratings.map((x) => x.name)]).toEqual(['In progress', ['Excellent', 'Average', 'Poor']]);
  });

  it('question weights must total exactly 100', () => {
    expect(errorsOf((t) => { q(t, 0, 0)['weight'] = 25; })).toEqual([['groups', 'weights_total']]);
  });

  it('each group needs a question', () => {
    expect(errorsOf((t) => { t.groups[1]!.questions = []; })).toEqual([['groups.1.questions', 'empty_group']]);
  });

  it('a scored question needs two responses covering two ratings', () => {
    expect(errorsOf((t) => { q(t, 0, 1).responses = q(t, 0, 1).responses.slice(2); })).toEqual([['groups.0.questions.1.responses', 'too_few_responses']]);
    expect(errorsOf((t) => { for (const r of q(t, 0, 1).responses) r.rating = 'Average'; })).toEqual([['groups.0.questions.1.responses', 'too_few_ratings']]);
  });

  it('response ratings must be template ratings; ids unique', () => {
    expect(errorsOf((t) => { q(t, 0, 0).responses[1]!.rating = 'Good'; })).toEqual([['groups.0.questions.0.responses.1.rating', 'unknown_rating']]);
    expect(errorsOf((t) => { q(t, 0, 0).responses[1]!.id = 'cost'; })).toEqual([['groups.0.questions.0.responses.1.id', 'duplicate_id']]);
    expect(errorsOf((t) => { q(t, 1, 0)['id'] = 'our-win'; })).toEqual([['groups.1.questions.0.id', 'duplicate_id']]);
  });

  it('a free-form only question is never scored, so its weight is 0', () => {
    expect(errorsOf((t) => { q(t, 1, 0)['weight'] = 10; q(t, 0, 1)['weight'] = 70; })).toEqual([['groups.1.questions.0.weight', 'free_form_weight']]);
  });

  it('the highest response score must be positive', () => {
    expect(errorsOf((t) => { for (const r of q(t, 0, 1).responses) r.score = -r.score; })).toEqual([['groups.0.questions.1.responses', 'no_positive_score']]);
  });

  it('scores and ratings must correlate so the ranges come out ordered', () => {
    expect(errorsOf((t) => {
      const rs = q(t, 0, 1).responses;
      rs[1]!.score = 100; // Resale (Poor) now the best response
      rs[2]!.score = 10; // Partnership (Excellent) the worst
    })).toEqual([['ratings', 'score_ranges_inconsistent']]);
  });

  it('manual score ranges must cover 0-100 in rating order', () => {
    const manual = (ranges: object[]) => errorsOf((t) => { t['manualScoreRanges'] = ranges; });
    expect(manual([{ rating: 'Poor', low: 0, high: 49 }, { rating: 'Average', low: 50, high: 79 }, { rating: 'Excellent', low: 80, high: 100 }])).toEqual([]);
    expect(manual([{ rating: 'Poor', low: 0, high: 49 }, { rating: 'Average', low: 55, high: 79 }, { rating: 'Excellent', low: 80, high: 100 }])).toEqual([['manualScoreRanges.1.low', 'score_range_gap']]);
    expect(manual([{ rating: 'Poor', low: 0, high: 49 }, { rating: 'Excellent', low: 50, high: 100 }])).toEqual([['manualScoreRanges', 'score_range_gap']]);
  });

  it('task template ranges and shape errors have paths', () => {
    expect(errorsOf((t) => { t.taskTemplates[0]!.minScore = 95; t.taskTemplates[0]!.maxScore = 90; })).toEqual([['taskTemplates.0', 'invalid_range']]);
    expect(errorsOf((t) => { q(t, 0, 0)['weight'] = 'twenty'; })).toEqual([['groups.0.questions.0.weight', 'invalid_type']]);
    expect(errorsOf((t) => { t['status'] = 'Draft'; })).toEqual([['status', 'invalid_value']]);
  });
});
