// validateRuleSet: the schema (shape, defaults) plus the semantic checks, all errors at once, each
// with its JSON path. Semantic checks run on the raw input so one round shows every problem.
import type { AttributeCatalogs } from './attributes.js';
import { byPath, isPrefix, type RuleSetError, type ValidationResult } from './errors.js';
import { ruleSetSchema, RULE_SET_TYPES, type RuleSet, type RuleSetType } from './schema.js';
import { checkCondition, type ConditionContext } from './validate-conditions.js';
import { checkAction, checkLabel, checkRuleNames, checkScoreRanges, labelsOf, namespacesFor } from './validate-sets.js';
import { isRecord } from './values.js';
import { flattenIssues } from './zod-issues.js';

export type { RuleSetError, ValidationResult } from './errors.js';

function boundsOf(set: Record<string, unknown>): { min: number; max: number } {
  const b = set['scoreRange'];
  if (isRecord(b) && typeof b['min'] === 'number' && typeof b['max'] === 'number') return { min: b['min'], max: b['max'] };
  return { min: 0, max: 100 };
}

function semanticErrors(input: unknown, catalogs: AttributeCatalogs): RuleSetError[] {
  const errors: RuleSetError[] = [];
  if (!isRecord(input) || !(RULE_SET_TYPES as readonly unknown[]).includes(input['type'])) return errors;
  const type = input['type'] as RuleSetType;
  const ctx: ConditionContext = { catalogs, namespaces: namespacesFor(type), errors };
  checkCondition(input['guards'], ['guards'], ctx);
  const rules = Array.isArray(input['rules']) ? input['rules'] : [];
  const scoreRanges = Array.isArray(input['scoreRanges']) ? input['scoreRanges'] : [];
  const bounds = boundsOf(input);
  if ('scoreRange' in input && bounds.min >= bounds.max) {
    errors.push({ path: ['scoreRange'], code: 'invalid_range', message: `min ${bounds.min} must be below max ${bounds.max}` });
  }
  const hasShortcut = (type === 'qualification' && typeof input['scoreThreshold'] === 'number') || (type === 'ranking' && scoreRanges.length > 0);
  if (rules.length === 0 && !hasShortcut) {
    const alt = type === 'qualification' ? ' (or a scoreThreshold)' : type === 'ranking' ? ' (or scoreRanges)' : '';
    errors.push({ path: ['rules'], code: 'empty_rules', message: `a ${type} rule set needs at least one rule${alt}` });
  }
  checkRuleNames(rules, errors);
  const labels = type === 'rating' || type === 'ranking' ? labelsOf(input, errors) : [];
  const channels = Array.isArray(input['channels']) ? input['channels'] : undefined;
  rules.forEach((rule, i) => {
    if (!isRecord(rule)) return;
    checkCondition(rule['when'], ['rules', i, 'when'], ctx);
    const then = rule['then'];
    checkAction(type, then, ['rules', i, 'then'], errors);
    if (!isRecord(then)) return;
    if (type === 'rating' || type === 'ranking') checkLabel(then['rank'], labels, ['rules', i, 'then', 'rank'], errors);
    if (type === 'channel' && channels && typeof then['salesChannel'] === 'string' && !channels.includes(then['salesChannel'])) {
      errors.push({ path: ['rules', i, 'then', 'salesChannel'], code: 'unknown_channel', message: `"${then['salesChannel']}" is not one of the set's channels (${channels.join(', ')})` });
    }
  });
  if (type === 'ranking') {
    scoreRanges.forEach((r, i) => isRecord(r) && checkLabel(r['rank'], labels, ['scoreRanges', i, 'rank'], errors));
    checkScoreRanges(scoreRanges, bounds, errors);
  }
  return errors;
}

export function validateRuleSet(input: unknown, catalogs: AttributeCatalogs = {}): ValidationResult<RuleSet> {
  const parsed = ruleSetSchema.safeParse(input);
  const semantic = semanticErrors(input, catalogs);
  const wrongActions = semantic.filter((e) => e.code === 'wrong_action').map((e) => e.path);
  const shape = parsed.success ? [] : flattenIssues(parsed.error.issues, input).filter((e) => !wrongActions.some((p) => isPrefix(p, e.path)));
  const errors = [...shape, ...semantic.filter((e) => e.code === 'wrong_action' || !shape.some((s) => isPrefix(s.path, e.path)))];
  if (errors.length > 0 || !parsed.success) return { ok: false, errors: errors.sort(byPath) };
  return { ok: true, value: parsed.data };
}
