// Validation errors of stored definitions (rule sets, assessment templates, answers, filters) as
// 422 problem details: each error names its field (`body.<json path>`) and path.
import { HttpProblem, fieldError, type FieldError } from '../http/problem.js';

export interface PathError { path: (string | number)[]; message: string; code: string }

export function fieldErrors(errors: readonly PathError[], prefix: readonly (string | number)[] = []): FieldError[] {
  return errors.map((e) => fieldError('body', [...prefix, ...e.path], e.message, e.code));
}

export function invalidDefinition(code: string, what: string, errors: readonly PathError[], prefix: readonly (string | number)[] = []): HttpProblem {
  const list = fieldErrors(errors, prefix);
  const first = list[0];
  const more = list.length > 1 ? ` (and ${list.length - 1} more)` : '';
  return new HttpProblem(422, code, `Invalid ${what}${first ? `: ${first.field} ${first.message}` : ''}${more}`, { errors: list });
}
