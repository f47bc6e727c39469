// Explanations: each guard and rule with the conditions that were evaluated (short-circuit order),
// the value seen and the comparison value. Built only when explain is on; JSON-storable for the
// audit log (dates seen are Date objects, serialized as ISO strings).
import type { Facts } from './attributes.js';
import type { CompiledRuleSet } from './compile.js';
import type { CompiledNode, Path } from './compile-condition.js';
import type { Operator } from './operators.js';
import type { EvaluationMode, RuleSetRef } from './schema.js';
import { INVALID } from './values.js';

export interface LeafTrace {
  kind: 'leaf';
  path: Path;
  attr: string;
  op: Operator;
  /** The literal, or the value read from `valueFrom`. */
  value?: unknown;
  valueFrom?: string;
  actual: unknown;
  result: boolean;
}
export interface GroupTrace { kind: 'all' | 'any'; path: Path; result: boolean; children: ConditionTrace[] }
export interface NotTrace { kind: 'not'; path: Path; result: boolean; child: ConditionTrace }
export type ConditionTrace = LeafTrace | GroupTrace | NotTrace;

export interface RuleTrace {
  name: string;
  path: Path;
  matched: boolean;
  /** The node that made the rule fail (the first false leaf of an `all`, or the `any` / `not` node). */
  failedOn: Path | null;
  condition: ConditionTrace;
}

export interface RuleSetTrace {
  ruleSet: RuleSetRef;
  mode: EvaluationMode;
  /** null: the set has no guards. */
  guard: ConditionTrace | null;
  processed: boolean;
  /** The rules evaluated, in order (first_match stops at the first match). */
  rules: RuleTrace[];
}

export function explainNode(node: CompiledNode, f: Facts): ConditionTrace {
  switch (node.kind) {
    case 'leaf': {
      const actual = node.get(f);
      const value = node.getFrom ? node.getFrom(f) : node.literal;
      const expected = node.getFrom ? node.prepare(value) : node.expected;
      const result = expected !== INVALID && node.check(actual, expected);
      const t: LeafTrace = { kind: 'leaf', path: node.path, attr: node.attr, op: node.op, actual, result };
      if (node.valueFrom !== undefined) t.valueFrom = node.valueFrom;
      if (value !== undefined) t.value = value;
      return t;
    }
    case 'not': {
      const child = explainNode(node.child, f);
      return { kind: 'not', path: node.path, result: !child.result, child };
    }
    default: {
      const children: ConditionTrace[] = [];
      const stopOn = node.kind === 'any';
      let result = !stopOn;
      for (const c of node.children) {
        const t = explainNode(c, f);
        children.push(t);
        if (t.result === stopOn) {
          result = stopOn;
          break;
        }
      }
      return { kind: node.kind, path: node.path, result, children };
    }
  }
}

export function failedOn(t: ConditionTrace): Path | null {
  if (t.result) return null;
  if (t.kind === 'all') {
    const last = t.children[t.children.length - 1];
    return last ? failedOn(last) : t.path;
  }
  return t.path;
}

/** The explained (slow) path: evaluates like the fast path and records everything. */
export function traceRuleSet(set: CompiledRuleSet, f: Facts): { processed: boolean; matched: number[]; trace: RuleSetTrace } {
  const guard = set.guard ? explainNode(set.guard, f) : null;
  const processed = guard ? guard.result : true;
  const trace: RuleSetTrace = { ruleSet: set.ref, mode: set.mode, guard, processed, rules: [] };
  const matched: number[] = [];
  if (!processed) return { processed, matched, trace };
  for (let i = 0; i < set.rules.length; i++) {
    const rule = set.rules[i]!;
    const condition = explainNode(rule.when, f);
    trace.rules.push({ name: rule.name, path: rule.path, matched: condition.result, failedOn: failedOn(condition), condition });
    if (condition.result) {
      matched.push(i);
      if (set.mode === 'first_match') break;
    }
  }
  return { processed, matched, trace };
}
