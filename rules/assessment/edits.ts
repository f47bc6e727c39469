// Which parts of an edit change a template's structure (what an Active template does not allow):
// the same notion as isTextualEdit, with the JSON path of each change in the edited template, so
// a refusal can name the fields. Groups, questions and responses are matched by id (order is text).
import type { AssessmentQuestion, AssessmentTemplate } from './schema.js';

export interface StructuralChange {
  /** Path in `after` (for something removed: the list it was removed from). */
  path: (string | number)[];
  message: string;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((x) => [x.id, x]));
}

function removed(before: readonly { id: string }[], after: readonly { id: string }[], path: (string | number)[], what: string, out: StructuralChange[]): void {
  const kept = new Set(after.map((x) => x.id));
  for (const x of before) if (!kept.has(x.id)) out.push({ path, message: `${what} "${x.id}" was removed` });
}

function questionChanges(b: AssessmentQuestion, a: AssessmentQuestion, at: (string | number)[], out: StructuralChange[]): void {
  if (a.weight !== b.weight) out.push({ path: [...at, 'weight'], message: `weight changed from ${b.weight} to ${a.weight}` });
  if (a.allowFreeForm !== b.allowFreeForm) out.push({ path: [...at, 'allowFreeForm'], message: 'allowFreeForm changed' });
  const responses = byId(b.responses);
  a.responses.forEach((r, ri) => {
    const old = responses.get(r.id);
    if (!old) return out.push({ path: [...at, 'responses', ri, 'id'], message: `response "${r.id}" was added` });
    if (r.score !== old.score) out.push({ path: [...at, 'responses', ri, 'score'], message: `score changed from ${old.score} to ${r.score}` });
    if (r.rating !== old.rating) out.push({ path: [...at, 'responses', ri, 'rating'], message: `rating changed from "${old.rating}" to "${r.rating}"` });
  });
  removed(b.responses, a.responses, [...at, 'responses'], 'response', out);
}

/** Empty exactly when the edit is textual (text and order only; see isTextualEdit). */
export function structuralChanges(before: AssessmentTemplate, after: AssessmentTemplate): StructuralChange[] {
  const out: StructuralChange[] = [];
  if (after.id !== before.id) out.push({ path: ['id'], message: 'the id changed' });
  if (after.status !== before.status) out.push({ path: ['status'], message: 'change the status with activate, retire or delete' });
  if (after.businessObject !== before.businessObject) out.push({ path: ['businessObject'], message: `business object changed from ${before.businessObject} to ${after.businessObject}` });
  if (!same(after.ratings.map((r) => r.name), before.ratings.map((r) => r.name))) {
    const i = after.ratings.findIndex((r, k) => r.name !== before.ratings[k]?.name);
    out.push({ path: i >= 0 ? ['ratings', i, 'name'] : ['ratings'], message: 'the ratings (names and order) changed' });
  }
  const groups = byId(before.groups);
  after.groups.forEach((g, gi) => {
    const old = groups.get(g.id);
    if (!old) return out.push({ path: ['groups', gi, 'id'], message: `group "${g.id}" was added` });
    const questions = byId(old.questions);
    g.questions.forEach((q, qi) => {
      const at = ['groups', gi, 'questions', qi];
      const oldQ = questions.get(q.id);
      if (!oldQ) return out.push({ path: [...at, 'id'], message: `question "${q.id}" was added to group "${g.id}"` });
      questionChanges(oldQ, q, at, out);
    });
    removed(old.questions, g.questions, ['groups', gi, 'questions'], 'question', out);
  });
  removed(before.groups, after.groups, ['groups'], 'group', out);
  if (!same(after.taskTemplates, before.taskTemplates)) {
    const i = after.taskTemplates.findIndex((t, k) => !same(t, before.taskTemplates[k]));
    out.push({ path: i >= 0 ? ['taskTemplates', i] : ['taskTemplates'], message: 'the task templates or their score ranges changed' });
  }
  if (!same(after.manualScoreRanges ?? null, before.manualScoreRanges ?? null)) out.push({ path: ['manualScoreRanges'], message: 'the score ranges changed' });
  return out;
}
