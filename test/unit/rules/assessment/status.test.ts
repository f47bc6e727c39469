// Template statuses: In progress edits anything; Active only textual edits; Retired nothing but copy.
import { copyTemplate, decideTemplateCommand, isAvailableForAssessments, isTextualEdit } from '../../../../rules/index.js';
import { edited, template } from './fixtures.js';

const t = template();
const textual = [
  edited((x) => { x.description = 'Better description'; }),
  edited((x) => { x.groups[0]!.questions[0]!.text = 'What does the customer win?'; }),
  edited((x) => { x.groups[0]!.questions.reverse(); }),
  edited((x) => { x.groups[0]!.questions[0]!.responses[0]!.description = 'Lower cost of running the plant'; }),
  edited((x) => { x.ratings[1]!.feedback = 'Ask about the budget'; }),
];
const structural = [
  edited((x) => { x.groups[0]!.questions[0]!.weight = 30; x.groups[0]!.questions[1]!.weight = 70; }),
  edited((x) => { x.groups[0]!.questions[1]!.responses[0]!.score = 70; }),
  edited((x) => { x.groups[0]!.questions[1]!.responses[0]!.rating = 'Excellent'; }),
  edited((x) => { x.groups[0]!.questions[1]!.responses.push({ id: 'oem', text: 'OEM', score: 30, rating: 'Poor' }); }),
  edited((x) => { x.groups[1]!.questions.push(x.groups[0]!.questions.pop()!); }),
  edited((x) => { x.taskTemplates = []; }),
];

describe('assessment template statuses', () => {
  it('In progress: any edit, delete, activate; not retire', () => {
    for (const after of [...textual, ...structural]) expect(decideTemplateCommand('In progress', { kind: 'edit', before: t, after })).toEqual({ allowed: true, next: 'In progress' });
    expect(decideTemplateCommand('In progress', { kind: 'delete' })).toEqual({ allowed: true, next: 'deleted' });
    expect(decideTemplateCommand('In progress', { kind: 'activate' })).toEqual({ allowed: true, next: 'Active' });
    expect(decideTemplateCommand('In progress', { kind: 'retire' }).allowed).toBe(false);
  });

  it('Active: textual edits only (description, question text and order, response description, range feedback)', () => {
    for (const after of textual) expect(isTextualEdit(t, after)).toBe(true);
    for (const after of structural) expect(isTextualEdit(t, after)).toBe(false);
    expect(decideTemplateCommand('Active', { kind: 'edit', before: t, after: textual[0]! })).toEqual({ allowed: true, next: 'Active' });
    expect(decideTemplateCommand('Active', { kind: 'edit', before: t, after: structural[0]! }).allowed).toBe(false);
  });

  it('Active: deleting retires; retire allowed; activate again not', () => {
    expect(decideTemplateCommand('Active', { kind: 'delete' })).toMatchObject({ allowed: true, next: 'Retired' });
    expect(decideTemplateCommand('Active', { kind: 'retire' })).toEqual({ allowed: true, next: 'Retired' });
    expect(decideTemplateCommand('Active', { kind: 'activate' }).allowed).toBe(false);
  });

  it('Retired: no edits, no status change, no delete; copies start In progress', () => {
    for (const kind of ['delete', 'activate', 'retire'] as const) expect(decideTemplateCommand('Retired', { kind }).allowed).toBe(false);
    expect(decideTemplateCommand('Retired', { kind: 'edit', before: t, after: textual[0]! }).allowed).toBe(false);
    expect(decideTemplateCommand('Retired', { kind: 'copy' }).allowed).toBe(true);
    const copy = copyTemplate({ ...t, status: 'Retired' }, 'win-win-2');
    expect(copy).toMatchObject({ id: 'win-win-2', name: 'Copy of Potential for Win-Win', status: 'In progress' });
    expect(copy.groups).toEqual(t.groups);
    expect(copy.groups).not.toBe(t.groups);
  });

  it('an edit may not change the status; only Active templates serve new assessments', () => {
    expect(decideTemplateCommand('In progress', { kind: 'edit', before: t, after: { ...t, status: 'Active' } }).allowed).toBe(false);
    expect(['In progress', 'Active', 'Retired'].map((s) => isAvailableForAssessments(s as 'Active'))).toEqual([false, true, false]);
  });
});
