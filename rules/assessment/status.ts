// Template statuses and what each allows (Oracle Fusion "Assessment Template Status Codes"):
// In progress: edit anything, delete, activate. Active: only textual edits (description, question
// text, question order, response text/description, range feedback...), retire; deleting an Active
// template retires it. Retired: no edits, no status change; it can still be copied.
import type { AssessmentTemplate, TemplateStatus } from './schema.js';

export type TemplateCommand =
  | { kind: 'edit'; before: AssessmentTemplate; after: AssessmentTemplate }
  | { kind: 'delete' }
  | { kind: 'activate' }
  | { kind: 'retire' }
  | { kind: 'copy' };

export type TemplateDecision =
  | { allowed: true; next: TemplateStatus | 'deleted'; note?: string }
  | { allowed: false; reason: string };

/** The structure that decides scores: ids, weights, response scores and ratings, rating order, links, ranges. */
function structure(t: AssessmentTemplate): string {
  const byId = <T extends { id: string }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => a.id.localeCompare(b.id));
  return JSON.stringify({
    id: t.id, businessObject: t.businessObject, ratings: t.ratings.map((r) => r.name),
    groups: byId(t.groups).map((g) => ({
      id: g.id,
      questions: byId(g.questions).map((q) => ({
        id: q.id, weight: q.weight, allowFreeForm: q.allowFreeForm,
        responses: byId(q.responses).map((r) => ({ id: r.id, score: r.score, rating: r.rating })),
      })),
    })),
    taskTemplates: t.taskTemplates, manualScoreRanges: t.manualScoreRanges ?? null,
  });
}

/** True when `after` differs from `before` only in text and order (what an Active template allows). */
export function isTextualEdit(before: AssessmentTemplate, after: AssessmentTemplate): boolean {
  return before.status === after.status && structure(before) === structure(after);
}

export function decideTemplateCommand(status: TemplateStatus, command: TemplateCommand): TemplateDecision {
  if (command.kind === 'copy') return { allowed: true, next: status, note: 'the copy starts In progress' };
  switch (status) {
    case 'In progress':
      if (command.kind === 'edit') {
        return command.after.status === command.before.status ? { allowed: true, next: status } : { allowed: false, reason: 'change the status with activate, retire or delete' };
      }
      if (command.kind === 'delete') return { allowed: true, next: 'deleted' };
      if (command.kind === 'activate') return { allowed: true, next: 'Active' };
      return { allowed: false, reason: 'an In progress template is activated or deleted, not retired' };
    case 'Active':
      if (command.kind === 'edit') {
        return isTextualEdit(command.before, command.after)
          ? { allowed: true, next: status }
          : { allowed: false, reason: 'an Active template allows only textual edits (descriptions, question text and order, response text, range feedback)' };
      }
      if (command.kind === 'delete') return { allowed: true, next: 'Retired', note: 'an Active template cannot be deleted; it is retired' };
      if (command.kind === 'retire') return { allowed: true, next: 'Retired' };
      return { allowed: false, reason: 'the template is already Active' };
    case 'Retired':
      return { allowed: false, reason: 'a Retired template cannot be edited, deleted or change status; copy it instead' };
  }
}

/** A new In progress template from any template (Retired ones included). */
export function copyTemplate(t: AssessmentTemplate, id: string, name = `Copy of ${t.name}`): AssessmentTemplate {
  return { ...structuredClone(t), id, name, status: 'In progress' };
}

/** Only Active templates are offered for new assessments. */
export function isAvailableForAssessments(status: TemplateStatus): boolean {
  return status === 'Active';
}
