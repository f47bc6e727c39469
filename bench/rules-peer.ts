// The same configuration expressed in json-rules-engine (the peer): conditions translated one to
// one, guards as shared conditions, first_match by priority + engine.stop(), leadAgeDays as a
// dynamic fact. Operators that differ on missing values get small custom operators so the peer
// means exactly what leadflow's rules mean (neq / not_in / emptiness).
import { Engine, type NestedCondition, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { Condition, RuleSetInput } from '../rules/index.js';

const OPS: Record<string, string> = {
  eq: 'equal', neq: 'neqPresent', gt: 'greaterThan', gte: 'greaterThanInclusive', lt: 'lessThan', lte: 'lessThanInclusive',
  in: 'in', not_in: 'notInPresent', contains: 'strContains', starts_with: 'strStartsWith', is_empty: 'isEmpty', is_not_empty: 'isNotEmpty',
};
const empty = (v: unknown): boolean => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

function translate(c: Condition): NestedCondition {
  if ('all' in c) return { all: c.all.map(translate) };
  if ('any' in c) return { any: c.any.map(translate) };
  if ('not' in c) return { not: translate(c.not) };
  const value = c.valueFrom !== undefined ? { fact: c.valueFrom } : (c.value ?? null);
  if (c.op === 'between' && Array.isArray(c.value)) {
    return { all: [{ fact: c.attr, operator: 'greaterThanInclusive', value: c.value[0] }, { fact: c.attr, operator: 'lessThanInclusive', value: c.value[1] }] };
  }
  return { fact: c.attr, operator: OPS[c.op]!, value };
}

export function peerEngine(def: RuleSetInput, now: Date): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator('neqPresent', (a: unknown, b: unknown) => !empty(a) && a !== b);
  engine.addOperator('notInPresent', (a: unknown, b: unknown[]) => !empty(a) && !b.includes(a));
  engine.addOperator('strContains', (a: unknown, b: string) => typeof a === 'string' && a.includes(b));
  engine.addOperator('strStartsWith', (a: unknown, b: string) => typeof a === 'string' && a.startsWith(b));
  engine.addOperator('isEmpty', (a: unknown) => empty(a));
  engine.addOperator('isNotEmpty', (a: unknown) => !empty(a));
  engine.addFact('leadAgeDays', async (_params, almanac) => {
    const created = await almanac.factValue<string | undefined>('createdAt');
    return created === undefined ? undefined : Math.floor((now.getTime() - Date.parse(created)) / 86_400_000);
  });
  if (def.guards) engine.setCondition('guards', { all: [translate(def.guards)] });
  const firstMatch = (def.mode ?? (def.type === 'scoring' ? 'all_match' : 'first_match')) === 'first_match';
  const rules = def.rules ?? [];
  rules.forEach((rule, index) => {
    const when = translate(rule.when);
    const conditions: TopLevelCondition = { all: def.guards ? [{ condition: 'guards' }, when] : [when] };
    const properties: RuleProperties = { conditions, priority: rules.length - index, event: { type: 'match', params: { index, ...rule.then } } };
    if (firstMatch) properties.onSuccess = () => void engine.stop();
    engine.addRule(properties);
  });
  return engine;
}

export interface PeerSets { scoring: Engine; qualification: Engine; rating: Engine; channel: Engine }
export interface Outcome { qualified: boolean; rank: string | null; score: number | null; salesChannel: string | null }

type Params = { index: number; points?: number; rank?: string; salesChannel?: string; qualified?: boolean };
async function matches(engine: Engine, facts: Record<string, unknown>): Promise<Params[]> {
  const { events } = await engine.run(facts);
  return events.map((e) => e.params as Params).sort((a, b) => a.index - b.index);
}

export async function peerPipeline(sets: PeerSets, lead: Record<string, unknown>): Promise<Outcome> {
  const points = await matches(sets.scoring, lead);
  const score = Math.min(100, Math.max(0, points.reduce((s, p) => s + (p.points ?? 0), 0)));
  const qualified = (await matches(sets.qualification, { ...lead, score }))[0]?.qualified === true;
  const rank = qualified ? ((await matches(sets.rating, { ...lead, score, qualified }))[0]?.rank ?? null) : null;
  const channel = (await matches(sets.channel, { ...lead, score, qualified, rank }))[0]?.salesChannel ?? null;
  return { qualified, rank, score, salesChannel: channel };
}
