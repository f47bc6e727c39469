// Property tests: scores stay in range, every trace justifies its result (replaying the recorded
// values re-derives it), explain on and off agree, guards exclude, generated sets validate, and
// every validation error points at a real place in the input.
import fc from 'fast-check';
import { compileCondition } from '../../../rules/engine/compile-condition.js';
import { compileRuleSet, evaluate, replayTrace, validateRuleSet } from '../../../rules/index.js';
import { conditionArb, leadArb, ruleSetArb, scoreRangesArb, scoringSetArb } from './arbitraries.js';
import { NOW } from './fixtures.js';

const facts = (lead: Record<string, unknown>) => ({ lead, now: NOW });
const runs = { numRuns: 300 };

describe('properties', () => {
  it('generated rule sets are valid', () => {
    fc.assert(fc.property(ruleSetArb, (set) => {
      const r = validateRuleSet(set);
      expect(r.ok ? [] : r.errors).toEqual([]);
    }), runs);
  });

  it('scores always fall within the configured range', () => {
    fc.assert(fc.property(scoringSetArb, fc.array(leadArb, { maxLength: 5 }), (def, leads) => {
      const set = compileRuleSet(def);
      if (set.type !== 'scoring') throw new Error('expected a scoring set');
      const { min, max } = set.definition.scoreRange;
      for (const lead of leads) {
        const r = evaluate(set, facts(lead));
        if (r.processed) expect(r.score! >= min && r.score! <= max && Number.isInteger(r.score)).toBe(true);
        else expect(r.score).toBeNull();
      }
    }), runs);
  });

  it('a trace justifies its result: replaying it re-derives the same result, and explain off agrees', () => {
    fc.assert(fc.property(ruleSetArb, fc.array(leadArb, { minLength: 1, maxLength: 4 }), (def, leads) => {
      const set = compileRuleSet(def);
      for (const lead of leads) {
        const { trace, ...explained } = evaluate(set, facts(lead), { explain: true });
        expect(evaluate(set, facts(lead))).toEqual(explained);
        expect(replayTrace(set, trace!)).toEqual({ ok: true, result: explained });
        expect(replayTrace(set, JSON.parse(JSON.stringify(trace)))).toEqual({ ok: true, result: explained });
      }
    }), runs);
  });

  it('a tampered trace is caught', () => {
    fc.assert(fc.property(ruleSetArb, leadArb, (def, lead) => {
      const set = compileRuleSet(def);
      const trace = evaluate(set, facts(lead), { explain: true }).trace!;
      const rule = trace.rules[0];
      fc.pre(rule !== undefined);
      rule!.matched = !rule!.matched;
      expect(replayTrace(set, trace).ok).toBe(false);
    }), runs);
  });

  it('guards exclude: outside the guards nothing is processed or matched', () => {
    fc.assert(fc.property(ruleSetArb, conditionArb, leadArb, (def, guards, lead) => {
      const set = compileRuleSet({ ...def, guards });
      const inside = compileCondition(guards, ['guards'], {}).test(facts(lead));
      const r = evaluate(set, facts(lead), { explain: true });
      expect(r.processed).toBe(inside);
      if (!inside) {
        expect(r.matchedRules).toEqual([]);
        expect(r.trace!.rules).toEqual([]);
      }
    }), runs);
  });

  it('contiguous score ranges rank every score in 0..100 by the range that holds it', () => {
    fc.assert(fc.property(scoreRangesArb, fc.integer({ min: 0, max: 100 }), (scoreRanges, score) => {
      const set = compileRuleSet({ id: 'r', version: 1, name: 'r', type: 'ranking', labels: ['A', 'B', 'C', 'D', 'E'], scoreRanges });
      const expected = scoreRanges.find((r) => score >= r.min && score <= r.max)!.rank;
      expect(evaluate(set, facts({ score })).rank).toBe(expected);
    }), runs);
  });

  it('every validation error points inside the input (its parent path exists)', () => {
    const junk = fc.oneof(fc.constant(undefined), fc.constant(null), fc.string(), fc.integer(), fc.constant({ attr: 'x' }), fc.constant([]));
    fc.assert(fc.property(ruleSetArb, fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 6 }), junk), { minLength: 1, maxLength: 3 }), (def, edits) => {
      const input = JSON.parse(JSON.stringify(def)) as { rules: Record<string, unknown>[] };
      for (const [i, key, value] of edits) {
        const rule = input.rules[i % input.rules.length]!;
        const when = rule['when'] as Record<string, unknown>;
        when[key || 'op'] = value;
      }
      const r = validateRuleSet(input);
      for (const e of r.ok ? [] : r.errors) {
        let v: unknown = input;
        for (const p of e.path.slice(0, -1)) v = (v as Record<string | number, unknown>)[p];
        expect(typeof v === 'object' && v !== null).toBe(true);
      }
    }), runs);
  });
});
