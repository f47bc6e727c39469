// structuralChanges names what an Active template may not change, and agrees with isTextualEdit.
import { assessmentTemplateSchema, isTextualEdit, structuralChanges } from '../../../../rules/index.js';
import { edited, template } from './fixtures.js';

const t = template();
const textual = [
  edited((x) => { x.description = 'Better description'; }),
  edited((x) => { x.groups[0]!.questions[0]!.text = 'What does the customer win?'; }),
  edited((x) => { x.groups[0]!.questions.reverse(); }),
  edited((x) => { x.groups.reverse(); }),
  edited((x) => { x.groups[0]!.questions[0]!.responses.reverse(); }),
  edited((x) => { x.ratings[1]!.feedback = 'Ask about the budget'; }),
  edited((x) => { x.name = 'Win-Win'; }),
];
const structural: [string, ReturnType<typeof edited>, (string | number)[][]][] = [
  ['weights', edited((x) => { x.groups[0]!.questions[0]!.weight = 30; x.groups[0]!.questions[1]!.weight = 70; }), [['groups', 0, 'questions', 0, 'weight'], ['groups', 0, 'questions', 1, 'weight']]],
  ['a response score', edited((x) => { x.groups[0]!.questions[1]!.responses[0]!.score = 70; }), [['groups', 0, 'questions', 1, 'responses', 0, 'score']]],
  ['a response rating', edited((x) => { x.groups[0]!.questions[1]!.responses[0]!.rating = 'Excellent'; }), [['groups', 0, 'questions', 1, 'responses', 0, 'rating']]],
  ['an added response', edited((x) => { x.groups[0]!.questions[1]!.responses.push({ id: 'oem', text: 'OEM', score: 30, rating: 'Poor' }); }), [['groups', 0, 'questions', 1, 'responses', 3, 'id']]],
  ['a removed response', edited((x) => { x.groups[0]!.questions[0]!.responses.pop(); }), [['groups', 0, 'questions', 0, 'responses']]],
  ['a question moved to another group', edited((x) => { x.groups[1]!.questions.push(x.groups[0]!.questions.pop()!); }), [['groups', 0, 'questions'], ['groups', 1, 'questions', 1, 'id']]],
  ['task templates', edited((x) => { x.taskTemplates[1]!.minScore = 50; }), [['taskTemplates', 1]]],
  ['rating order', edited((x) => { x.ratings.reverse(); }), [['ratings', 0, 'name']]],
  ['free-form flag', edited((x) => { x.groups[0]!.questions[0]!.allowFreeForm = true; }), [['groups', 0, 'questions', 0, 'allowFreeForm']]],
  ['manual ranges', edited((x) => { x.manualScoreRanges = [{ rating: 'Poor', low: 0, high: 40 }, { rating: 'Average', low: 41, high: 70 }, { rating: 'Excellent', low: 71, high: 100 }]; }), [['manualScoreRanges']]],
];

describe('structuralChanges', () => {
  it('finds nothing in textual edits (text and order)', () => {
    for (const after of textual) {
      expect(structuralChanges(t, after)).toEqual([]);
      expect(isTextualEdit(t, after)).toBe(true);
    }
  });

  it.each(structural)('names the changed paths: %s', (_label, after, paths) => {
    expect(structuralChanges(t, after).map((c) => c.path)).toEqual(paths);
    expect(isTextualEdit(t, after)).toBe(false);
  });

  it('compares documents whatever their key order (e.g. read back from jsonb)', () => {
    const reordered = JSON.parse(JSON.stringify(t, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v)));
    const normalized = assessmentTemplateSchema.parse(reordered);
    expect(structuralChanges(normalized, t)).toEqual([]);
    expect(isTextualEdit(normalized, t)).toBe(true);
  });
});
