// createRuleMatcher: a rule set as a yes/no gate or filter with a readable explanation.
import { compileRuleSet, createRuleMatcher, type CompiledRuleSet } from '../../../rules/index.js';
import { acmeTerritoryFilter, NOW, visionQualification } from './fixtures.js';

const sets = new Map<string, CompiledRuleSet>([
  ['vision-qualification', compileRuleSet(visionQualification)],
  ['acme-territories', compileRuleSet(acmeTerritoryFilter)],
  ['langs', compileRuleSet({ id: 'langs', version: 1, name: 'l', type: 'assignment', rules: [{ name: 'speaks it', when: { attr: 'candidate.languages', op: 'contains', valueFrom: 'language' }, then: {} }] })],
]);
const match = createRuleMatcher(sets, NOW);

describe('createRuleMatcher', () => {
  it('qualification gates accept qualified leads and explain why not', () => {
    expect(match('vision-qualification', { lead: { country: 'US', productCategory: 'Laptops', purchaseTimeframe: '1-3 months', purchaseAmount: 80_000 } }).matched).toBe(true);
    const no = match('vision-qualification', { lead: { country: 'US', productCategory: 'Laptops', purchaseTimeframe: '1-3 months', purchaseAmount: 20_000 } });
    expect(no.matched).toBe(false);
    expect(no.explanation).toContain('rule "Rule 1" failed on purchaseAmount gte 50000, actual 20000');
    expect(no.trace?.rules).toHaveLength(2);
  });

  it('candidate rules accept selected candidates; territory filters keep or drop', () => {
    expect(match('langs', { lead: { language: 'fr' }, candidate: { languages: ['FR'] } }).matched).toBe(true);
    expect(match('langs', { lead: { language: 'de' }, candidate: { languages: ['FR'] } }).matched).toBe(false);
    expect(match('acme-territories', { lead: { purchaseAmount: 10 }, territory: { type: 'Partner' } }).matched).toBe(true);
    expect(match('acme-territories', { lead: { purchaseAmount: 10 }, territory: { type: 'Prime' } }).matched).toBe(false);
  });

  it('summarizes without explain, and rejects unknown rule set ids', () => {
    const quick = createRuleMatcher({ langs: sets.get('langs')! }, NOW, { explain: false });
    expect(quick('langs', { lead: { language: 'fr' }, candidate: { languages: ['fr'] } })).toMatchObject({ matched: true, explanation: 'assignment rule set langs v1: matched "speaks it"' });
    expect(() => quick('nope', { lead: {} })).toThrow('unknown rule set "nope"');
  });
});
