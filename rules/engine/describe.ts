// Human-readable lines for a trace (logs, the audit view): which guard failed, which rule matched,
// and for a failed rule the condition it failed on with the value seen.
import type { Path } from './compile-condition.js';
import type { ConditionTrace, LeafTrace, RuleSetTrace } from './trace.js';

const show = (v: unknown): string => (v instanceof Date ? v.toISOString() : v === undefined ? 'missing' : JSON.stringify(v));

function leafText(t: LeafTrace): string {
  const rhs = t.valueFrom !== undefined ? `${t.valueFrom} (${show(t.value)})` : t.value === undefined ? '' : ` ${show(t.value)}`;
  return `${t.attr} ${t.op}${t.valueFrom !== undefined ? ' ' : ''}${rhs}, actual ${show(t.actual)}`;
}

function find(t: ConditionTrace, path: Path): ConditionTrace | undefined {
  if (t.path.length === path.length && t.path.every((p, i) => p === path[i])) return t;
  const children = t.kind === 'leaf' ? [] : t.kind === 'not' ? [t.child] : t.children;
  for (const c of children) {
    const hit = find(c, path);
    if (hit) return hit;
  }
  return undefined;
}

function culprit(t: ConditionTrace, path: Path | null): string {
  const node = path ? find(t, path) : undefined;
  if (!node) return 'conditions';
  return node.kind === 'leaf' ? leafText(node) : `${node.kind} at ${node.path.join('.')}`;
}

function firstFalseLeaf(t: ConditionTrace): LeafTrace | undefined {
  if (t.kind === 'leaf') return t.result ? undefined : t;
  if (t.kind === 'not') return undefined;
  for (const c of t.children) {
    const hit = firstFalseLeaf(c);
    if (hit) return hit;
  }
  return undefined;
}

export function describeTrace(trace: RuleSetTrace): string[] {
  const { id, version, type } = trace.ruleSet;
  const lines = [`${type} rule set ${id} v${version} (${trace.mode})`];
  if (trace.guard) {
    const failed = trace.guard.result ? undefined : firstFalseLeaf(trace.guard);
    lines.push(trace.guard.result ? '  guards passed' : `  outside the guards: ${failed ? leafText(failed) : 'guards false'}; not processed`);
  }
  for (const r of trace.rules) {
    lines.push(r.matched ? `  rule "${r.name}" matched` : `  rule "${r.name}" failed on ${culprit(r.condition, r.failedOn)}`);
  }
  if (trace.processed && !trace.rules.some((r) => r.matched)) lines.push('  no rule matched');
  return lines;
}
