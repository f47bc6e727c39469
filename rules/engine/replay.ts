// Re-derives a result from a trace alone: every recorded comparison is re-run on the recorded
// values, every group re-combined, the short-circuit order and the guard checked, and the matched
// rules reduced again. A trace that does not justify its result is reported, with where.
import type { CompiledRuleSet } from './compile.js';
import type { CompiledNode, Path } from './compile-condition.js';
import { reduceMatches } from './reduce.js';
import type { RuleSetResult } from './results.js';
import type { ConditionTrace, RuleSetTrace } from './trace.js';
import { INVALID } from './values.js';

export type ReplayResult = { ok: true; result: RuleSetResult } | { ok: false; problem: string; path: Path };

class Mismatch extends Error {
  constructor(message: string, readonly path: Path) {
    super(message);
  }
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function replayNode(node: CompiledNode, t: ConditionTrace): boolean {
  if (node.kind !== t.kind || !same(node.path, t.path)) throw new Mismatch(`expected a ${node.kind} node`, t.path);
  let result: boolean;
  if (node.kind === 'leaf' && t.kind === 'leaf') {
    if (!node.getFrom && !same(node.literal, t.value)) throw new Mismatch('recorded value differs from the rule', t.path);
    const expected = node.getFrom ? node.prepare(t.value) : node.expected;
    result = expected !== INVALID && node.check(t.actual, expected);
  } else if (node.kind === 'not' && t.kind === 'not') {
    result = !replayNode(node.child, t.child);
  } else if ((node.kind === 'all' || node.kind === 'any') && (t.kind === 'all' || t.kind === 'any')) {
    const stopOn = node.kind === 'any';
    result = !stopOn;
    t.children.forEach((child, i) => {
      const compiled = node.children[i];
      if (!compiled || result === stopOn) throw new Mismatch('condition evaluated after the group was decided', child.path);
      if (replayNode(compiled, child) === stopOn) result = stopOn;
    });
    if (result !== stopOn && t.children.length !== node.children.length) throw new Mismatch('conditions missing from the trace', t.path);
  } else {
    throw new Mismatch('node kinds differ', t.path);
  }
  if (result !== t.result) throw new Mismatch(`recorded ${String(t.result)}, re-derived ${String(result)}`, t.path);
  return result;
}

export function replayTrace(set: CompiledRuleSet, trace: RuleSetTrace): ReplayResult {
  try {
    if (trace.ruleSet.id !== set.ref.id || trace.ruleSet.version !== set.ref.version) throw new Mismatch('trace of another rule set version', []);
    const processed = set.guard ? (trace.guard ? replayNode(set.guard, trace.guard) : false) : trace.guard === null;
    if (set.guard && !trace.guard) throw new Mismatch('guard missing from the trace', ['guards']);
    if (processed !== trace.processed) throw new Mismatch('processed flag contradicts the guard', ['guards']);
    if (!processed && trace.rules.length > 0) throw new Mismatch('rules evaluated outside the guards', ['rules']);
    const matched: number[] = [];
    trace.rules.forEach((rt, i) => {
      const rule = set.rules[i];
      if (!rule || rule.name !== rt.name) throw new Mismatch(`unexpected rule "${rt.name}"`, rt.path);
      if (set.mode === 'first_match' && matched.length > 0) throw new Mismatch('rule evaluated after the first match', rt.path);
      const m = replayNode(rule.when, rt.condition);
      if (m !== rt.matched) throw new Mismatch('matched flag contradicts the conditions', rt.path);
      if (m) matched.push(i);
    });
    const stoppedEarly = set.mode === 'first_match' && matched.length > 0;
    if (processed && !stoppedEarly && trace.rules.length !== set.rules.length) throw new Mismatch('rules missing from the trace', ['rules']);
    return { ok: true, result: reduceMatches(set, processed, matched) };
  } catch (e) {
    if (e instanceof Mismatch) return { ok: false, problem: e.message, path: e.path };
    throw e;
  }
}
