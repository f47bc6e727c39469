// The batch path over stored leads: lead rows -> facts -> pipeline -> changed derived values
// (deriveLeadValuesMany, what batch scoring / qualification / ranking runs reuse), 100,000 rows,
// explain off and on. Ends with one JSON line of figures.
import { performance } from 'node:perf_hooks';
import { deriveLeadValuesMany, planLeadPipeline } from '../activities/lead-pipeline.js';
import type { LeadFactsRow } from '../db/lead-facts.js';
import { stageOf, type ActiveStage } from '../db/rule-set-store.js';
import { validateRuleSet, type RuleSet } from '../rules/index.js';
import { NOW, channel, generateLeads, qualification, rating, scoring } from './rules-workload.js';

const COUNT = Number(process.env.LEADS ?? 100_000);

function stage(input: unknown): ActiveStage {
  const r = validateRuleSet(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const def: RuleSet = r.value;
  return { stage: stageOf(def.type)!, type: def.type, ruleSetId: def.id, version: def.version, name: def.name, definition: def, activatedBy: 'bench', activatedAt: NOW };
}

/** Rows shaped like lead entities (Date createdAt, stored derived values, nulls). */
const rows: LeadFactsRow[] = generateLeads(COUNT, 42).map((lead, i) => ({
  ...lead, id: `lead-${i}`, createdAt: new Date(String(lead['createdAt'])), custom: {},
  status: 'Unqualified', qualified: false, score: null, rank: null, salesChannel: null, ruleVersions: null,
}) as LeadFactsRow);

const plan = planLeadPipeline([scoring, qualification, rating, channel].map(stage));

function best(explain: boolean): { ms: number; changed: number } {
  let ms = Infinity;
  let changed = 0;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    const out = deriveLeadValuesMany(plan, rows, NOW, { explain });
    ms = Math.min(ms, performance.now() - t0);
    changed = out.filter((d) => d.changed.length > 0).length;
  }
  return { ms, changed };
}

const fast = best(false);
const explained = best(true);
const rate = (ms: number) => Math.round(COUNT / (ms / 1000));
console.log(`deriveLeadValuesMany over ${COUNT} lead rows (4 stages, best of 3)`);
console.log(`  explain off: ${fast.ms.toFixed(0)} ms (${rate(fast.ms)} leads/s), ${fast.changed} leads with changes`);
console.log(`  explain on:  ${explained.ms.toFixed(0)} ms (${rate(explained.ms)} leads/s)`);
console.log(JSON.stringify({ bench: 'lead-pipeline', leads: COUNT, explainOffMs: Math.round(fast.ms), explainOnMs: Math.round(explained.ms), leadsPerSecond: rate(fast.ms), changed: fast.changed }));
