// The lead lifecycle as one pure, deterministic function: (state, event, rules, now) -> the next
// state, the effects to run in order, and at most one call whose result is the next event.
// Every rule of the lifecycle is here; `workflows/lead.ts` only feeds it events and runs its
// effects. Each transition writes at most one audit event (a `record` effect, or an audited call),
// and every change of the lead's stored lifecycle columns comes with exactly one.
import type { AssignCall, Call, Effect, LifecycleColumns, RecordEffect } from './effects.js';
import type { Actor, CallResultEvent, LifecycleCommand, LifecycleEvent, LifecycleSignal } from './events.js';
import { SYSTEM_ACTOR } from './events.js';
import { refusalOf, type Refusal } from './refusals.js';
import type { LeadLiveState, RouteReason } from './state.js';
import { isOpen, isUnowned } from './state.js';
import { staleAt, type LifecycleRules } from './timers.js';

export interface Step {
  state: LeadLiveState;
  effects: Effect[];
  call?: Call;
  /** The command does not apply: nothing changed. */
  refusal?: Refusal;
}

export interface TransitionContext {
  rules: LifecycleRules;
  /** ISO instant of the event (workflow time). */
  now: string;
}

const MINUTE = 60_000;

export function transition(state: LeadLiveState, event: LifecycleEvent, ctx: TransitionContext): Step {
  const s: LeadLiveState = { ...state, hadIt: [...state.hadIt] };
  switch (event.type) {
    case 'accept': case 'reject': case 'claim': case 'reassign': case 'convert': case 'retire': case 'edit': case 'note':
      return command(s, event, ctx);
    case 'timer': case 'route_due': case 'capacity_freed': case 'activity': case 'processing':
      return signal(s, event, ctx);
    default:
      return callResult(s, event, ctx);
  }
}

// ---- commands -------------------------------------------------------------------------------

function command(s: LeadLiveState, cmd: LifecycleCommand, ctx: TransitionContext): Step {
  const refusal = refusalOf(s, cmd);
  if (refusal) return { state: s, effects: [], refusal };
  const by = { actor: cmd.actor, ...(cmd.requestId ? { requestId: cmd.requestId } : {}) };
  const now = ctx.now;
  switch (cmd.type) {
    case 'accept': {
      const effect = record(by, 'accepted', {
        set: { ownerId: cmd.repId, acceptance: 'Yes', assignmentStatus: 'Assigned', offeredToId: null, offerDeadline: null, lastActivityAt: now },
        detail: { attempt: s.attempts, offerTimeoutMinutes: ctx.rules.offerTimeoutMinutes },
      });
      Object.assign(s, { ownerId: cmd.repId, offeredToId: null, offerDeadline: null, assignmentStatus: 'Assigned', lastActivityAt: now, hadIt: [], attempts: 0, routeTeamId: null });
      return { state: s, effects: [effect] };
    }
    case 'reject': {
      const effects: Effect[] = [
        record(by, 'rejected', {
          reason: cmd.reason,
          note: cmd.note ?? null,
          set: { assignmentStatus: 'Rejected', acceptance: 'No', offeredToId: null, offerDeadline: null, lastActivityAt: now },
          detail: { repId: cmd.repId, attempt: s.attempts },
        }),
        { kind: 'release', repId: cmd.repId, reason: 'rejected', ...by },
      ];
      Object.assign(s, { assignmentStatus: 'Rejected', offeredToId: null, offerDeadline: null, lastActivityAt: now, pendingRoute: 'rejected' });
      s.hadIt.push(cmd.repId);
      return { state: s, effects };
    }
    case 'claim': {
      const effects: Effect[] = [
        { kind: 'take', repId: cmd.repId, reason: 'claim', ...by },
        record(by, 'claimed', { set: { ownerId: cmd.repId, acceptance: 'Yes', assignmentStatus: 'Assigned', offeredToId: null, offerDeadline: null, lastActivityAt: now } }),
      ];
      Object.assign(s, { ownerId: cmd.repId, assignmentStatus: 'Assigned', lastActivityAt: now, hadIt: [], attempts: 0, retryAt: null, routeTeamId: null, pendingRoute: null });
      return { state: s, effects };
    }
    case 'reassign': {
      const holder = s.ownerId ?? s.offeredToId;
      const effects: Effect[] = holder ? [{ kind: 'release', repId: holder, reason: 'reassigned', ...by }] : [];
      const common = { reason: cmd.reason, note: cmd.note ?? null, detail: { previous: holder, toRepId: cmd.toRepId ?? null } };
      if (cmd.toRepId) {
        // A specific user: the lead goes straight to them (seeds: Distribute Lead to a specific user).
        effects.push({ kind: 'take', repId: cmd.toRepId, reason: 'reassign', ...by });
        effects.push(record(by, 'reassigned', {
          ...common,
          set: { ownerId: cmd.toRepId, offeredToId: null, offerDeadline: null, acceptance: 'Yes', assignmentStatus: 'Assigned', lastActivityAt: now },
        }));
        Object.assign(s, { ownerId: cmd.toRepId, offeredToId: null, offerDeadline: null, assignmentStatus: 'Assigned', lastActivityAt: now, hadIt: [], attempts: 0, retryAt: null, routeTeamId: null, pendingRoute: null });
      } else {
        effects.push(record(by, 'reassigned', {
          ...common,
          set: { ownerId: null, offeredToId: null, offerDeadline: null, acceptance: null, assignmentStatus: 'Reassigned', lastActivityAt: now },
        }));
        Object.assign(s, { ownerId: null, offeredToId: null, offerDeadline: null, assignmentStatus: 'Reassigned', lastActivityAt: now, hadIt: holder ? [holder] : [], attempts: 0, retryAt: null, routeTeamId: null, pendingRoute: 'reassign' });
      }
      return { state: s, effects };
    }
    case 'convert':
      return { state: s, effects: [], call: { kind: 'convert', opportunity: cmd.opportunity, ownerId: s.ownerId!, at: now, ...by } };
    case 'retire':
      return retire(s, by, cmd.reason, cmd.note ?? null, now);
    case 'edit':
      return { state: s, effects: [], call: { kind: 'update_attributes', attributes: cmd.attributes, at: now, ...by } };
    case 'note':
      return { state: s, effects: [], call: { kind: 'note', text: cmd.text, at: now, ...by } };
  }
}

// ---- timers and signals ---------------------------------------------------------------------

function signal(s: LeadLiveState, sig: LifecycleSignal, ctx: TransitionContext): Step {
  const none: Step = { state: s, effects: [] };
  if (sig.type === 'route_due') return routeDue(s, ctx);
  if (!isOpen(s)) return none;
  switch (sig.type) {
    case 'timer': {
      const now = Date.parse(ctx.now);
      if (s.assignmentStatus === 'Offered' && s.offerDeadline && now >= Date.parse(s.offerDeadline)) return offerExpired(s, ctx);
      if (s.assignmentStatus === 'Queued' && s.retryAt && now >= Date.parse(s.retryAt)) return route(s, 'capacity_freed');
      if (now >= staleAt(s, ctx.rules.staleAfterDays)) return stale(s, ctx);
      return none;
    }
    case 'capacity_freed':
      return s.assignmentStatus === 'Queued' ? route(s, 'capacity_freed') : none;
    case 'activity':
      s.lastActivityAt = ctx.now;
      return none;
    case 'processing': {
      const d = sig.signal.derived;
      if (d) {
        applyDerived(s, {
          status: d.status ?? s.status,
          qualified: d.qualified ?? s.qualified,
          rank: d.rank !== undefined ? d.rank : s.rank,
          score: d.score !== undefined ? d.score : s.score,
          salesChannel: s.salesChannel,
        });
      }
      const free = isUnowned(s) && s.assignmentStatus !== 'Offered' && s.pendingRoute === null;
      // An admin's processing run routes its unowned leads (the hopper's too): an Assignment run
      // distributes them anew (a new round); a newly qualified or realigned lead is routed within
      // its round (whoever had it stays excluded).
      if (sig.signal.kind === 'reassign' && free) return route({ ...s, attempts: 0, hadIt: [], routeTeamId: null }, 'processing');
      if ((sig.signal.kind === 'requalified' || sig.signal.kind === 'realign') && free) return route(s, sig.signal.kind === 'realign' ? 'realign' : 'processing');
      return none;
    }
  }
}

function route(s: LeadLiveState, reason: RouteReason): Step {
  return { state: { ...s, pendingRoute: reason }, effects: [] };
}

/** Routing is due: the hopper after N missed offers in a round, else ask routing. */
function routeDue(s: LeadLiveState, ctx: TransitionContext): Step {
  const reason = s.pendingRoute;
  s.pendingRoute = null;
  if (!reason || !isOpen(s) || s.ownerId) return { state: s, effects: [] };
  const max = ctx.rules.maxOfferAttempts;
  if ((reason === 'timeout' || reason === 'rejected') && s.attempts >= max) {
    const effects: Effect[] = [
      record({ actor: SYSTEM_ACTOR }, 'moved_to_hopper', {
        reason: `${s.attempts} offers not accepted (limit ${max})`,
        set: { assignmentStatus: 'Hopper', offeredToId: null, offerDeadline: null },
        detail: { attempts: s.attempts, hadIt: s.hadIt },
      }),
      notify('hopper', [], `no rep accepted the lead after ${s.attempts} offers`, undefined, s.hadIt),
    ];
    Object.assign(s, { assignmentStatus: 'Hopper', offeredToId: null, offerDeadline: null, retryAt: null });
    return { state: s, effects };
  }
  const call: AssignCall = {
    kind: 'assign',
    reason,
    excludeRepIds: [...s.hadIt],
    attempt: s.attempts + 1,
    offerDeadline: new Date(Date.parse(ctx.now) + ctx.rules.offerTimeoutMinutes * MINUTE).toISOString(),
    ...(s.routeTeamId ? { teamId: s.routeTeamId } : {}),
  };
  return { state: s, effects: [], call };
}

function offerExpired(s: LeadLiveState, ctx: TransitionContext): Step {
  const rep = s.offeredToId!;
  const effects: Effect[] = [
    record({ actor: SYSTEM_ACTOR }, 'offer_timed_out', {
      reason: `not accepted within ${ctx.rules.offerTimeoutMinutes} minutes`,
      set: { assignmentStatus: 'Reassigned', offeredToId: null, offerDeadline: null },
      detail: { repId: rep, attempt: s.attempts },
    }),
    { kind: 'release', repId: rep, reason: 'timeout', actor: SYSTEM_ACTOR },
    notify('offer_expired', [rep], 'offer expired without an answer'),
  ];
  Object.assign(s, { assignmentStatus: 'Reassigned', offeredToId: null, offerDeadline: null, pendingRoute: 'timeout' });
  s.hadIt.push(rep);
  return { state: s, effects };
}

/**
 * No activity for `staleAfterDays`: a lead of an escalation rank is escalated once — to the
 * telemarketing team when one is configured, else to the hopper (claimable by anyone; the
 * managers of whoever held it are told) — and any other stale lead is retired ("No activity").
 */
function stale(s: LeadLiveState, ctx: TransitionContext): Step {
  const days = ctx.rules.staleAfterDays;
  const now = ctx.now;
  if (s.escalated || s.rank === null || !ctx.rules.escalateRanks.includes(s.rank)) {
    const step = retire(s, { actor: SYSTEM_ACTOR }, 'No activity', `no activity for ${days} days`, now);
    step.effects.push(notify('retired_stale', [], `retired: no activity for ${days} days`));
    return step;
  }
  const holder = s.ownerId ?? s.offeredToId;
  const teamId = ctx.rules.telemarketingTeamId;
  const to = teamId ? 'Reassigned' : 'Hopper';
  const effects: Effect[] = holder ? [{ kind: 'release', repId: holder, reason: 'reassigned', actor: SYSTEM_ACTOR }] : [];
  effects.push(
    record({ actor: SYSTEM_ACTOR }, 'escalated', {
      reason: 'No activity',
      set: { ownerId: null, offeredToId: null, offerDeadline: null, acceptance: null, assignmentStatus: to, lastActivityAt: now },
      detail: { rank: s.rank, staleAfterDays: days, telemarketingTeamId: teamId, escalatedTo: teamId ? 'telemarketing team' : 'hopper', previousHolder: holder },
    }),
    notify('escalated', [], `rank ${s.rank} lead without activity for ${days} days escalated to ${teamId ? 'the telemarketing team' : 'the hopper'}`, { telemarketingTeamId: teamId }, holder ? [holder] : []),
  );
  Object.assign(s, {
    escalated: true, ownerId: null, offeredToId: null, offerDeadline: null, retryAt: null, assignmentStatus: to, lastActivityAt: now,
    hadIt: holder ? [holder] : [], attempts: 0, routeTeamId: teamId, pendingRoute: teamId ? 'escalation' : null,
  });
  return { state: s, effects };
}

/** Closes the lead as Retired: whoever held it is released; an unowned lead is nobody's any more. */
function retire(s: LeadLiveState, by: { actor: Actor; requestId?: string }, reason: string, note: string | null, now: string): Step {
  const holder = s.ownerId ?? s.offeredToId;
  const assignmentStatus = s.ownerId ? 'Assigned' : 'Unassigned';
  const effects: Effect[] = holder ? [{ kind: 'release', repId: holder, reason: 'retired', ...by }] : [];
  effects.push(record(by, 'retired', {
    reason,
    note,
    set: { status: 'Retired', retireReason: reason, closedAt: now, offeredToId: null, offerDeadline: null, assignmentStatus },
  }));
  Object.assign(s, { status: 'Retired', retireReason: reason, offeredToId: null, offerDeadline: null, retryAt: null, assignmentStatus, closed: true, pendingRoute: null });
  return { state: s, effects };
}

// ---- results of calls -----------------------------------------------------------------------

function callResult(s: LeadLiveState, e: CallResultEvent, ctx: TransitionContext): Step {
  const none: Step = { state: s, effects: [] };
  switch (e.type) {
    case 'captured': {
      s.captured = true;
      if (e.result.duplicateOfId) {
        Object.assign(s, { duplicateOfId: e.result.duplicateOfId, status: 'Retired', retireReason: 'Duplicate lead', closed: true });
      } else if (e.result.pipeline) {
        applyDerived(s, e.result.pipeline);
        s.pendingRoute = 'captured';
      }
      return none;
    }
    case 'routed': {
      const r = e.result;
      Object.assign(s, { retryAt: null, offeredToId: null, offerDeadline: null });
      if (r.outcome === 'offered' && r.repId) {
        Object.assign(s, { assignmentStatus: 'Offered', offeredToId: r.repId, offerDeadline: e.call.offerDeadline, attempts: s.attempts + 1 });
        return { state: s, effects: [notify('offer', [r.repId], r.summary, { offerDeadline: e.call.offerDeadline, attempt: s.attempts })] };
      }
      if (r.outcome === 'queued') {
        Object.assign(s, { assignmentStatus: 'Queued', retryAt: r.retryAt });
        return { state: s, effects: [notify('queued', [], r.summary, { retryAt: r.retryAt })] };
      }
      s.assignmentStatus = 'Hopper';
      return { state: s, effects: [notify('hopper', [], r.summary, undefined, s.hadIt)] };
    }
    case 'edited': {
      if (e.result.changed.length === 0) return none;
      s.lastActivityAt = e.call.at;
      return { state: s, effects: [], call: { kind: 'pipeline', reason: 'attributes_changed', actor: e.call.actor, ...(e.call.requestId ? { requestId: e.call.requestId } : {}) } };
    }
    case 'pipeline_ran': {
      applyDerived(s, e.result);
      if (!isUnowned(s) || s.pendingRoute) return none;
      if (s.assignmentStatus === 'Unassigned') return route(s, 'attributes_changed');
      // An offer or a queue wait in progress is routed again only when routing's answer for the
      // edited lead changed (same exclusions); the hopper keeps its leads (the round is over).
      if (s.assignmentStatus === 'Offered' || s.assignmentStatus === 'Queued') return { state: s, effects: [], call: { kind: 'preview', excludeRepIds: [...s.hadIt] } };
      return none;
    }
    case 'previewed': {
      const p = e.result;
      const moved = s.assignmentStatus === 'Offered' ? !(s.offeredToId && p.candidateRepIds.includes(s.offeredToId))
        : s.assignmentStatus === 'Queued' ? p.outcome === 'offered' : false;
      if (!moved || !isUnowned(s)) return none;
      const previous = s.offeredToId;
      const effects: Effect[] = previous ? [{ kind: 'release', repId: previous, reason: 'reassigned', actor: SYSTEM_ACTOR }] : [];
      effects.push(record({ actor: SYSTEM_ACTOR }, 'rerouted', {
        reason: 'attributes changed the routing outcome',
        set: { assignmentStatus: 'Reassigned', offeredToId: null, offerDeadline: null },
        detail: { previous, preview: p.summary, excluded: s.hadIt },
      }));
      Object.assign(s, { assignmentStatus: 'Reassigned', offeredToId: null, offerDeadline: null, retryAt: null, pendingRoute: 'attributes_changed' });
      return { state: s, effects };
    }
    case 'converted': {
      const owner = s.ownerId;
      Object.assign(s, { status: 'Converted', opportunityId: e.result.opportunityId, closed: true, lastActivityAt: e.call.at, pendingRoute: null, retryAt: null });
      return { state: s, effects: owner ? [{ kind: 'release', repId: owner, reason: 'converted', actor: e.call.actor, ...(e.call.requestId ? { requestId: e.call.requestId } : {}) }] : [] };
    }
    case 'noted':
      s.lastActivityAt = e.call.at;
      return none;
  }
  void ctx;
  return none;
}

// ---- helpers --------------------------------------------------------------------------------

function applyDerived(s: LeadLiveState, d: { status: LeadLiveState['status']; qualified: boolean; rank: string | null; score: number | null; salesChannel: string | null }): void {
  // Only the pipeline moves a lead between Unqualified and Qualified; closed statuses stay.
  if ((s.status === 'Unqualified' || s.status === 'Qualified') && (d.status === 'Unqualified' || d.status === 'Qualified')) s.status = d.status;
  s.qualified = d.qualified;
  s.rank = d.rank;
  s.score = d.score;
  s.salesChannel = d.salesChannel;
}

function record(by: { actor: Actor; requestId?: string }, action: string, r: { set: LifecycleColumns; reason?: string | null; note?: string | null; detail?: Record<string, unknown> }): RecordEffect {
  return { kind: 'record', action, actor: by.actor, ...(by.requestId ? { requestId: by.requestId } : {}), reason: r.reason ?? null, note: r.note ?? null, set: r.set, ...(r.detail ? { detail: r.detail } : {}) };
}

function notify(kind: Extract<Effect, { kind: 'notify' }>['notification']['kind'], repIds: string[], summary: string, data?: Record<string, unknown>, managersOf?: string[]): Effect {
  return { kind: 'notify', notification: { kind, repIds, summary, ...(managersOf ? { notifyManagersOf: [...managersOf] } : {}), ...(data ? { data } : {}) } };
}
