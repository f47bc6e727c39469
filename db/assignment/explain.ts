// Small decision post-processing shared by assignLead and the simulation endpoint.
import type { Decision, EvaluateRule } from '../../rules/assignment/index.js';
import type { RepRecord } from './rows.js';

/** Unavailable reps are inactive to the model; say why in their exclusions. */
export function describeUnavailable(d: Decision, records: ReadonlyMap<string, RepRecord>): Decision {
  if (!d.steps.some((s) => s.exclusions.some((e) => e.code === 'inactive'))) return d;
  return {
    ...d,
    steps: d.steps.map((s) => ({
      ...s,
      exclusions: s.exclusions.map((e) => {
        const rec = records.get(e.repId);
        return e.code === 'inactive' && rec && rec.activeFlag && !rec.available ? { ...e, text: `${rec.rep.name} is marked unavailable.`, detail: { available: false } } : e;
      }),
    })),
  };
}

/** A rule set that vanished after the configuration was validated matches nothing (explained). */
export function tolerant(evaluate: EvaluateRule, missing: readonly string[]): EvaluateRule {
  if (missing.length === 0) return evaluate;
  return (id, facts) => (missing.includes(id) ? { matched: false, explanation: `rule set ${id} does not exist` } : evaluate(id, facts));
}

// ---- stored form of decisions
// Matching traces are most of a decision's size (every territory evaluated by every territory
// step, every rep a step's attributes or rule rejected) and highly repetitive: the same ids,
// names and reasons again and again. Stored decisions encode those two lists as tuples over a
// per-decision dictionary (`encoding: 'compact-1'`); expandDecision restores the exact decision.

type Tuple = number[];
interface CompactMatching {
  /** territories: [id, matched 0/1, reason, rule index or -1] (name and type via dict.territories). */
  t?: Tuple[];
  /** nonMatches other than a territory step's (those repeat `t`): [id, kind, reason]. */
  n: Tuple[];
  /** Rule outcomes of territory traces (rule filters). */
  rules?: unknown[];
}
export interface StoredDecision extends Omit<Decision, 'steps'> {
  encoding: 'compact-1';
  dict: { strings: string[]; territories: Record<string, [number, number]> };
  steps: unknown[];
}

const KINDS = ['rep', 'territory', 'account'] as const;

export function compactDecision(d: Decision): Decision | StoredDecision {
  if (!d.steps.some((s) => s.matching && (s.matching.territories || s.matching.nonMatches.length > 0))) return d;
  const strings: string[] = [];
  const index = new Map<string, number>();
  const at = (text: string): number => {
    let i = index.get(text);
    if (i === undefined) {
      i = strings.push(text) - 1;
      index.set(text, i);
    }
    return i;
  };
  const territories: Record<string, [number, number]> = {};
  const steps = d.steps.map((s) => {
    if (!s.matching) return s;
    const { territories: trace, nonMatches, ...rest } = s.matching;
    const m: CompactMatching = { n: [] };
    if (trace) {
      m.t = trace.map((t) => {
        const id = at(t.id);
        territories[id] = [at(t.name), at(t.type)];
        let rule = -1;
        if (t.rule) rule = (m.rules ??= []).push(t.rule) - 1;
        return [id, t.matched ? 1 : 0, at(t.reason), rule];
      });
    }
    m.n = nonMatches.filter((n) => !(trace && n.kind === 'territory')).map((n) => [at(n.id), KINDS.indexOf(n.kind), at(n.reason)]);
    return { ...s, matching: { ...rest, compact: m } };
  });
  return { ...d, encoding: 'compact-1', dict: { strings, territories }, steps };
}

/** The decision as decided, from its stored form (decisions stored whole pass through). */
export function expandDecision(stored: Decision | StoredDecision): Decision {
  if (!('encoding' in stored)) return stored;
  const { encoding: _encoding, dict, steps, ...rest } = stored;
  const str = (i: number | undefined): string => dict.strings[i ?? -1] ?? '';
  return {
    ...rest,
    steps: (steps as Decision['steps']).map((s) => {
      const raw = s.matching as (Omit<NonNullable<Decision['steps'][number]['matching']>, 'territories' | 'nonMatches'> & { compact?: CompactMatching }) | undefined;
      if (!raw?.compact) return s;
      const { compact, ...m } = raw;
      const territories = compact.t?.map(([id, matched, reason, rule]) => {
        const [name, type] = dict.territories[String(id)] ?? [];
        return { id: str(id), name: str(name), type: str(type), matched: matched === 1, reason: str(reason), ...(rule !== undefined && rule >= 0 ? { rule: compact.rules?.[rule] as never } : {}) };
      });
      const own = compact.n.map(([id, kind, reason]) => ({ id: str(id), kind: KINDS[kind ?? 0] ?? 'rep', reason: str(reason) }));
      const nonMatches = territories ? [...territories.filter((t) => !t.matched).map((t) => ({ id: t.id, kind: 'territory' as const, reason: t.reason })), ...own] : own;
      return { ...s, matching: { ...m, nonMatches, ...(territories ? { territories } : {}) } };
    }),
  };
}
