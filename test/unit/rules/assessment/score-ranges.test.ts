// The seed's score-range table and the skipped-rating correction.
import { computeScoreRanges, normalizedScores, questionBounds, weightedScore } from '../../../../rules/index.js';
import { edited, template } from './fixtures.js';

const ranges = (t = template()) => computeScoreRanges(t).map(({ rating, low, high }) => `${rating} ${low}-${high}`);

describe('assessment score ranges', () => {
  it('normalizes raw scores so the highest response is 100, and weights them (seed table)', () => {
    const [customerWin, ourWin] = template().groups[0]!.questions;
    expect(normalizedScores(customerWin!)).toEqual([100, 80, 53, 27]);
    expect(normalizedScores(customerWin!).map((n) => weightedScore(20, n))).toEqual([20, 16, 11, 5]);
    expect(normalizedScores(ourWin!)).toEqual([60, 50, 100]);
    expect(normalizedScores(ourWin!).map((n) => weightedScore(80, n))).toEqual([48, 40, 80]);
  });

  it('computes the seed example exactly: Excellent 65-100, Average 46-64, Poor 0-45', () => {
    expect(ranges()).toEqual(['Excellent 65-100', 'Average 46-64', 'Poor 0-45']);
    expect(computeScoreRanges(template())[0]).toEqual({ rating: 'Excellent', low: 65, high: 100, feedback: 'Engage now' });
  });

  it('corrects a rating a question skips: low = high of the next lower rating, high = low of the next higher one', () => {
    const noAverage = edited((t) => {
      const q = t.groups[0]!.questions[0]!;
      q.responses = q.responses.filter((r) => r.rating !== 'Average');
    });
    const q = noAverage.groups[0]!.questions[0]!;
    expect(questionBounds(q, ['Poor', 'Average', 'Excellent'])).toEqual([{ low: 5, high: 5 }, { low: 5, high: 20 }, { low: 20, high: 20 }]);
    // Without the correction Average would end at 0 + 48 = 48 for this template.
    expect(ranges(noAverage)).toEqual(['Excellent 69-100', 'Average 46-68', 'Poor 0-45']);
  });

  it('a skipped top or bottom rating stays between its neighbours', () => {
    // Reference (60) becomes the top response: normalized 100 -> 80; Resale 83 -> 66.
    const noExcellent = edited((t) => {
      const q = t.groups[0]!.questions[1]!;
      q.responses = q.responses.filter((r) => r.rating !== 'Excellent');
    });
    expect(questionBounds(noExcellent.groups[0]!.questions[1]!, ['Poor', 'Average', 'Excellent'])).toEqual([{ low: 66, high: 66 }, { low: 80, high: 80 }, { low: 80, high: 80 }]);
    const noPoor = edited((t) => {
      const q = t.groups[0]!.questions[1]!;
      q.responses = q.responses.filter((r) => r.rating !== 'Poor');
    });
    expect(questionBounds(noPoor.groups[0]!.questions[1]!, ['Poor', 'Average', 'Excellent'])).toEqual([{ low: 0, high: 48 }, { low: 48, high: 48 }, { low: 80, high: 80 }]);
  });

  it('free-form only questions count 0 for every rating', () => {
    const freeForm = template().groups[1]!.questions[0]!;
    expect(questionBounds(freeForm, ['Poor', 'Average', 'Excellent'])).toEqual([{ low: 0, high: 0 }, { low: 0, high: 0 }, { low: 0, high: 0 }]);
  });

  it('uses configured ratings in their order; a rating no question uses falls between its neighbours', () => {
    const fourRatings = edited((t) => {
      t.ratings = [{ name: 'Hot' }, { name: 'Warm' }, { name: 'Cool' }, { name: 'Cold' }];
      const rename: Record<string, string> = { Excellent: 'Hot', Average: 'Warm', Poor: 'Cold' };
      for (const q of t.groups[0]!.questions) for (const r of q.responses) r.rating = rename[r.rating]!;
    });
    // Cool: per question low = Cold's high, high = Warm's low: (5..11) + (40..48) -> ends at 59.
    expect(ranges(fourRatings)).toEqual(['Hot 65-100', 'Warm 60-64', 'Cool 46-59', 'Cold 0-45']);
  });
});
