// Rules engine benchmark: the lead processing pipeline (guards + 24 rules across scoring,
// qualification, rating and channel selection) over 100,000 generated leads, compiled leadflow
// closures vs the same logic in json-rules-engine, in one run. Checks that both agree on every
// lead, prints leads/s for both, the ratio, and the cost of explain. Last line: one JSON object.
import { performance } from 'node:perf_hooks';
import { compileRuleSet, runPipeline, type PipelineSets } from '../rules/index.js';
import { peerEngine, peerPipeline, type Outcome } from './rules-peer.js';
import { channel, generateLeads, NOW, qualification, rating, scoring } from './rules-workload.js';

const LEADS = Number(process.env['BENCH_LEADS'] ?? 100_000);
const leads = generateLeads(LEADS, 20250630);
const defs = { scoring, qualification, rating, channel };
const ruleCount = Object.values(defs).reduce((n, d) => n + d.rules.length, 0);
const sets: PipelineSets = {
  scoring: compileRuleSet(scoring), qualification: compileRuleSet(qualification), rating: compileRuleSet(rating), channel: compileRuleSet(channel),
};
const peer = {
  scoring: peerEngine(scoring, NOW), qualification: peerEngine(qualification, NOW), rating: peerEngine(rating, NOW), channel: peerEngine(channel, NOW),
};

function ours(explain: boolean): { seconds: number; outcomes: Outcome[] } {
  const outcomes: Outcome[] = new Array<Outcome>(leads.length);
  for (let i = 0; i < Math.min(10_000, leads.length); i++) runPipeline(sets, leads[i]!, NOW, { explain }); // warm-up
  const start = performance.now();
  for (let i = 0; i < leads.length; i++) {
    const r = runPipeline(sets, leads[i]!, NOW, { explain });
    outcomes[i] = { qualified: r.qualified, rank: r.rank, score: r.score, salesChannel: r.salesChannel };
  }
  return { seconds: (performance.now() - start) / 1000, outcomes };
}

async function theirs(): Promise<{ seconds: number; outcomes: Outcome[] }> {
  const outcomes: Outcome[] = new Array<Outcome>(leads.length);
  for (let i = 0; i < Math.min(2_000, leads.length); i++) await peerPipeline(peer, leads[i]!); // warm-up
  const start = performance.now();
  for (let i = 0; i < leads.length; i++) outcomes[i] = await peerPipeline(peer, leads[i]!);
  return { seconds: (performance.now() - start) / 1000, outcomes };
}

const best = (runs: { seconds: number; outcomes: Outcome[] }[]) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));

console.log(`rules benchmark: ${LEADS.toLocaleString('en-US')} leads, ${ruleCount} rules in 4 rule sets (+ guards), node ${process.version}`);
// Explain off and on alternate (best of 3 each) so background load hits both alike.
const runs: Record<'off' | 'on', { seconds: number; outcomes: Outcome[] }[]> = { off: [], on: [] };
for (let round = 0; round < 3; round++) {
  runs.off.push(ours(false));
  runs.on.push(ours(true));
}
const fast = best(runs.off);
const explained = best(runs.on);
const slow = await theirs();

// Every lead is compared (a superset of a sample): leadflow with explain off and on vs the peer.
const mismatches: number[] = [];
for (let i = 0; i < leads.length; i++) {
  const a = JSON.stringify(fast.outcomes[i]);
  if (a !== JSON.stringify(slow.outcomes[i]) || a !== JSON.stringify(explained.outcomes[i])) mismatches.push(i);
}
const distribution = (key: keyof Outcome) => {
  const counts = new Map<string, number>();
  for (const o of fast.outcomes) counts.set(String(o[key]), (counts.get(String(o[key])) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}:${n}`).join(' ');
};
console.log(`results: qualified ${distribution('qualified')} | rank ${distribution('rank')} | channel ${distribution('salesChannel')}`);
console.log(`agreement with json-rules-engine: ${leads.length - mismatches.length}/${leads.length} leads identical (explain on and off too)`);
if (mismatches.length > 0) {
  const i = mismatches[0]!;
  console.error('first mismatch', JSON.stringify({ lead: leads[i], ours: fast.outcomes[i], peer: slow.outcomes[i], explained: explained.outcomes[i] }));
  process.exitCode = 1;
}

const leadsPerSec = Math.round(LEADS / fast.seconds);
const peerLeadsPerSec = Math.round(LEADS / slow.seconds);
const explainedLeadsPerSec = Math.round(LEADS / explained.seconds);
const ratio = Math.round((leadsPerSec / peerLeadsPerSec) * 10) / 10;
const fmt = (n: number) => n.toLocaleString('en-US');
console.log(`leadflow (explain off): ${fmt(leadsPerSec)} leads/s  (${(1e6 / leadsPerSec).toFixed(2)} µs/lead)`);
console.log(`leadflow (explain on):  ${fmt(explainedLeadsPerSec)} leads/s  (explain costs ${(leadsPerSec / explainedLeadsPerSec).toFixed(1)}x)`);
console.log(`json-rules-engine:      ${fmt(peerLeadsPerSec)} leads/s`);
console.log(`ratio: ${ratio}x ${ratio >= 50 ? '(target >= 50x met)' : '(target >= 50x NOT met)'}`);
console.log(JSON.stringify({ bench: 'rules', leadsPerSec, peerLeadsPerSec, ratio, explainedLeadsPerSec }));
