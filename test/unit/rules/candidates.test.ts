// Assignment rule sets over candidates (candidate.* attributes) and territory filters.
import { compileRuleSet, evaluate, expectRuleSetType, selectCandidates, type RuleSetInput } from '../../../rules/index.js';
import { NOW } from './fixtures.js';

const assignment: RuleSetInput = {
  id: 'assign', version: 4, name: 'Rep matching', type: 'assignment', minPoints: 10,
  guards: { attr: 'country', op: 'is_not_empty' },
  rules: [
    { name: 'enterprise deals', when: { attr: 'purchaseAmount', op: 'gte', value: 100_000 }, then: { team: 'enterprise' } },
    { name: 'speaks the language', when: { attr: 'candidate.languages', op: 'contains', valueFrom: 'language' }, then: { points: 10 } },
    { name: 'same country', when: { attr: 'candidate.country', op: 'eq', valueFrom: 'country' }, then: { points: 5 } },
    { name: 'on leave', when: { attr: 'candidate.onLeave', op: 'eq', value: true }, then: { effect: 'exclude', reason: 'On leave' } },
  ],
};
const catalogs = {
  candidate: {
    languages: { type: 'list', description: 'Languages' }, country: { type: 'string', description: 'Country' },
    onLeave: { type: 'boolean', description: 'On leave' },
  },
} as const;
const set = expectRuleSetType(compileRuleSet(assignment, catalogs), 'assignment');

describe('assignment rule sets', () => {
  const reps = [
    { id: 'ana', languages: ['es', 'en'], country: 'ES' },
    { id: 'bob', languages: ['en'], country: 'US' },
    { id: 'eve', languages: ['es'], country: 'ES', onLeave: true },
    { id: 'joe', languages: ['de'], country: 'ES' },
  ];

  it('selects, excludes with reasons, and leaves out candidates below minPoints', () => {
    const r = selectCandidates(set, { country: 'ES', language: 'es', purchaseAmount: 250_000 }, reps, NOW);
    expect(r.selected.map((s) => [s.candidate.id, s.points, s.teams])).toEqual([['ana', 15, ['enterprise']]]);
    expect(r.excluded.map((s) => [s.candidate.id, s.reasons])).toEqual([['eve', ['On leave']]]);
    expect(r.unmatched.map((s) => s.candidate.id)).toEqual(['bob', 'joe']);
  });

  it('lead-only rules pick a team without any candidate', () => {
    expect(evaluate(set, { lead: { country: 'US', purchaseAmount: 100_000 }, now: NOW })).toMatchObject({ teams: ['enterprise'], points: 0, selected: false });
  });

  it('a lead outside the guards selects nobody', () => {
    const r = selectCandidates(set, { language: 'es' }, reps, NOW, { explain: true });
    expect(r.selected).toEqual([]);
    expect(r.unmatched.every((u) => u.result.processed === false && u.result.trace?.processed === false)).toBe(true);
  });

  it('the result names the set version', () => {
    expect(evaluate(set, { lead: { country: 'US' }, now: NOW }).ruleSet).toEqual({ id: 'assign', version: 4, type: 'assignment' });
  });
});
