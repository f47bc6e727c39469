// The filter phase of one step: for each matched candidate, eligible or excluded (with a reason
// code, human text and detail); availability in Dynamics-style buckets when asked.
import type { Exclusion, RuleOutcome } from './decision.js';
import type { EvaluateRule } from './evaluate-rule.js';
import type { AssignmentLead } from './model/lead.js';
import { toIso } from './model/common.js';
import type { Rep } from './model/rep.js';
import type { RoutingStep } from './routing-config.js';
import { HOUR_MS, isWithinWorkingHours, nextAvailableAt, outOfOfficeAt } from './time/availability.js';
import { localParts } from './time/zoned-time.js';

export interface Eligibility {
  eligible: Map<string, Rep>;
  exclusions: Exclusion[];
  /** Earliest availability (epoch ms) per eligible rep, when the step filters on availability. */
  nextAt: Map<string, number>;
}

export interface EligibilityContext {
  lead: AssignmentLead;
  now: number;
  repsById: ReadonlyMap<string, Rep>;
  excluded: ReadonlySet<string>;
  evaluateRule: EvaluateRule;
}

export function checkEligibility(step: RoutingStep, candidateIds: readonly string[], ctx: EligibilityContext): Eligibility {
  const out: Eligibility = { eligible: new Map(), exclusions: [], nextAt: new Map() };
  for (const id of candidateIds) {
    const rep = ctx.repsById.get(id);
    const exclusion = rep ? excludeReason(step, rep, ctx, out.nextAt) : { repId: id, code: 'unknown_rep' as const, text: `No rep with id ${id}.` };
    if (exclusion) out.exclusions.push(exclusion);
    else if (rep) out.eligible.set(id, rep);
  }
  return out;
}

function excludeReason(step: RoutingStep, rep: Rep, ctx: EligibilityContext, nextAt: Map<string, number>): Exclusion | undefined {
  const { now } = ctx;
  const ex = (code: Exclusion['code'], text: string, detail?: Record<string, unknown>): Exclusion => ({ repId: rep.id, code, text, ...(detail ? { detail } : {}) });
  if (!rep.active) return ex('inactive', `${rep.name} is inactive.`);
  if (ctx.excluded.has(rep.id)) return ex('already_had_lead', `${rep.name} already had this lead in this round.`);
  if (step.candidateRule) {
    const { ruleSetId } = step.candidateRule;
    const r = ctx.evaluateRule(ruleSetId, { lead: ctx.lead, candidate: rep });
    if (!r.matched) {
      const rule: RuleOutcome = { ruleSetId, matched: false, explanation: r.explanation, ...(r.trace === undefined ? {} : { trace: r.trace }) };
      return ex('rule_failed', `Rule set ${ruleSetId} failed for ${rep.name}: ${r.explanation}`, { rule });
    }
  }
  const availability = step.filters.availability;
  if (availability.mode === 'now') {
    const ooo = outOfOfficeAt(rep, now);
    if (ooo) return ex('out_of_office', `${rep.name} is out of office until ${ooo.end}${ooo.reason ? ` (${ooo.reason})` : ''}.`, { until: ooo.end });
    if (!isWithinWorkingHours(rep.workingHours, now)) return ex('outside_working_hours', `${rep.name} is outside working hours (${localClock(rep, now)}).`);
    nextAt.set(rep.id, now);
  } else if (availability.mode === 'within_hours') {
    const horizon = availability.hours * HOUR_MS;
    const at = nextAvailableAt(rep, now, horizon);
    if (at === null) {
      const ignoringLeave = nextAvailableAt(rep, now, horizon, { ignoreOutOfOffice: true });
      return ignoringLeave !== null
        ? ex('out_of_office', `${rep.name} is out of office for the next ${availability.hours} h.`, { hours: availability.hours })
        : ex('not_available_within', `${rep.name} does not work within the next ${availability.hours} h.`, { hours: availability.hours });
    }
    nextAt.set(rep.id, at);
  }
  if (step.filters.capacity && rep.capacity !== null && rep.openLeadCount >= rep.capacity) {
    // Real room only: a load floor (after leave) shapes load-balancing order, never the capacity limit.
    return ex('at_capacity', `${rep.name} is at capacity (${rep.openLeadCount} open of ${rep.capacity}).`, { openLeads: rep.openLeadCount, capacity: rep.capacity });
  }
  return undefined;
}

function localClock(rep: Rep, now: number): string {
  if (!rep.workingHours) return toIso(now);
  const p = localParts(now, rep.workingHours.timeZone);
  const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${days[p.weekday] ?? ''} ${pad(p.hour)}:${pad(p.minute)} in ${rep.workingHours.timeZone}`;
}
