// FROZEN: the lead workflow as it ran before the lifecycle became a pure transition model
// (rules/lifecycle/). `leadWorkflow` runs this for executions that started before the
// 'lifecycle-model' patch (their histories replay only through this code); every new execution
// runs the model. Do not change it; delete it (and deprecate the patch) once no execution that
// started before the patch is open any more (see docs/architecture.md, "Replay guard").
//
// One entity workflow per lead: it owns the lifecycle (capture -> dedupe -> qualify/rank/score ->
// assign -> offer with SLA -> accepted | rejected | timed out -> reassign ... -> hopper -> working
// -> converted | retired, plus the stale timer) and changes it only through activities.
// Deterministic orchestration only; rules and distribution are pure functions behind activities.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  log,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { LIFECYCLE_DEFAULTS } from '../rules/lifecycle-defaults.js';
import type { AssignReason, LeadLifecycleActivities, LifecycleRuntimeSettings, NotificationInput, PipelineOutcome } from './lead-activities.js';
import { Serializer, initialState, isOpen, isUnowned, nextWake, ownerResult, staleAt } from './lead-legacy-state.js';
import {
  LEAD_ERRORS,
  SYSTEM_ACTOR,
  acceptUpdate,
  addNoteUpdate,
  capacityFreedSignal,
  capturedUpdate,
  claimUpdate,
  convertUpdate,
  leadActivitySignal,
  processingSignal,
  reassignUpdate,
  rejectUpdate,
  retireUpdate,
  settingsChangedSignal,
  stateQuery,
  updateAttributesUpdate,
  type Actor,
  type LeadLiveState,
  type LeadWorkflowInput,
} from './messages.js';
import { AssignmentStatusKey, LeadRankKey, LeadScoreKey, LeadStatusKey, OwnerIdKey } from './search-attributes.js';

/**
 * The lifecycle's steps are short database transactions: local activities (run by this worker
 * inside the workflow task; no task-queue round trip, a marker in the history), retried with
 * backoff like any activity, idempotent by their event keys.
 */
const acts = proxyLocalActivities<Omit<LeadLifecycleActivities, 'notify'>>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '200 ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});
/** Notifications retry with backoff but never hold up the lifecycle (they run alongside it). */
const notifier = proxyActivities<Pick<LeadLifecycleActivities, 'notify'>>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 10 },
});

const DEFAULT_HISTORY_LIMIT = 2000;
const fail = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });

export async function legacyLeadWorkflow(input: LeadWorkflowInput): Promise<LeadLiveState> {
  const s: LeadLiveState = input.carried ?? initialState(input, new Date().toISOString());
  const workflowId = workflowInfo().workflowId;
  const lock = new Serializer();
  const notifications: Promise<void>[] = [];
  let settings: LifecycleRuntimeSettings = {
    ...LIFECYCLE_DEFAULTS,
    escalateRanks: [...LIFECYCLE_DEFAULTS.escalateRanks],
    dedupe: { ...LIFECYCLE_DEFAULTS.dedupe, matchOn: [...LIFECYCLE_DEFAULTS.dedupe.matchOn] },
    notifications: { webhook: false },
  };
  let created = false;
  let routing: AssignReason | null = null;
  let version = 0;
  let published = '';

  // Event keys make every step's writes idempotent. A step run by an update handler takes its key
  // from the update's id: when a workflow task is lost after its local activities committed (the
  // SDK can drop a task under a storm of updates), the retried task gives the same update the same
  // keys, instead of keys that a different step already used in the lost attempt.
  let updateScope: { id: string; n: number } | null = null;
  const nextKey = () => (updateScope ? `${workflowId}/u/${updateScope.id}/${++updateScope.n}` : `${workflowId}/${++s.eventCount}`);
  /** An update handler's section of the lifecycle: under the lock, with keys of its own. */
  const inUpdate = <T>(fn: () => Promise<T>): Promise<T> => {
    const id = currentUpdateInfo()?.id;
    return lock.run(async () => {
      updateScope = id ? { id, n: 0 } : null;
      try {
        return await fn();
      } finally {
        updateScope = null;
      }
    });
  };
  const nowIso = () => new Date().toISOString();
  const meta = (actor: Actor, requestId?: string) => ({ leadId: s.leadId, actor, ...(requestId ? { requestId } : {}) });
  const changed = () => {
    version++;
    publish();
  };
  const requestRouting = (reason: AssignReason) => {
    routing = reason;
    version++;
  };

  function publish() {
    const snapshot = JSON.stringify([s.status, s.assignmentStatus, s.rank, s.score, s.ownerId]);
    if (snapshot === published) return;
    published = snapshot;
    upsertSearchAttributes([
      { key: LeadStatusKey, value: s.status },
      { key: AssignmentStatusKey, value: s.assignmentStatus },
      { key: LeadRankKey, value: s.rank },
      { key: LeadScoreKey, value: s.score === null ? null : Math.round(s.score) },
      { key: OwnerIdKey, value: s.ownerId },
    ]);
  }

  function notify(n: Omit<NotificationInput, 'eventKey' | 'leadId'>) {
    // Without a webhook a notification is a log line, which the activities writing the change log already.
    if (!settings.notifications.webhook) return;
    const sent = notifier.notify({ ...n, leadId: s.leadId, eventKey: nextKey() }).catch((err: unknown) => {
      log.warn('notification not delivered', { kind: n.kind, error: String(err) });
    });
    notifications.push(sent);
  }

  // ---- validators (synchronous: an invalid call changes nothing) ----
  function assertOpen() {
    if (!s.captured) throw fail(LEAD_ERRORS.invalid, 'the lead is still being captured');
    if (s.closed) throw fail(LEAD_ERRORS.closed, `the lead is ${s.status.toLowerCase()}`);
  }
  function assertOfferedTo(repId: string) {
    assertOpen();
    if (s.assignmentStatus !== 'Offered' || s.offeredToId !== repId) {
      throw fail(LEAD_ERRORS.notOffered, `the lead is not offered to rep ${repId} (assignment status ${s.assignmentStatus})`);
    }
  }
  function assertClaimable() {
    assertOpen();
    if (s.ownerId) throw fail(LEAD_ERRORS.alreadyOwned, 'the lead already has an owner');
    if (s.assignmentStatus !== 'Hopper') throw fail(LEAD_ERRORS.notInHopper, `the lead is not in the hopper (assignment status ${s.assignmentStatus})`);
  }
  function assertOwned() {
    assertOpen();
    if (!s.ownerId) throw fail(LEAD_ERRORS.notOwned, 'the lead has no owner yet: accept or claim it first');
  }

  // ---- lifecycle steps (always run under the lock) ----
  function applyPipeline(p: Pick<PipelineOutcome, 'status' | 'qualified' | 'rank' | 'score'>) {
    if (s.status === 'Unqualified' || s.status === 'Qualified') s.status = p.status;
    s.qualified = p.qualified;
    s.rank = p.rank;
    s.score = p.score;
  }

  async function runPipeline(reason: 'captured' | 'attributes_changed') {
    const outcome = await acts.runLeadPipeline({ ...meta(SYSTEM_ACTOR, input.requestId), eventKey: nextKey(), reason });
    applyPipeline(outcome);
    changed();
    return outcome;
  }

  async function route(reason: AssignReason, teamId: string | null = s.routeTeamId) {
    // Settings changes apply to the next offer (capture has just read them).
    if (reason !== 'captured') settings = await acts.loadLifecycleSettings();
    const deadline = new Date(Date.now() + settings.offerTimeoutMinutes * 60_000).toISOString();
    const r = await acts.assignLead({
      ...meta(SYSTEM_ACTOR),
      eventKey: nextKey(),
      reason,
      excludeRepIds: [...s.hadIt],
      attempt: s.attempts + 1,
      offerDeadline: deadline,
      ...(teamId ? { specificTeamId: teamId } : {}),
    });
    s.retryAt = null;
    s.offeredToId = null;
    s.offerDeadline = null;
    if (r.outcome === 'offered' && r.repId) {
      s.assignmentStatus = 'Offered';
      s.offeredToId = r.repId;
      s.offerDeadline = deadline;
      s.attempts++;
      notify({ kind: 'offer', repIds: [r.repId], summary: r.summary, data: { offerDeadline: deadline, attempt: s.attempts } });
    } else if (r.outcome === 'queued') {
      s.assignmentStatus = 'Queued';
      s.retryAt = r.retryAt;
      notify({ kind: 'queued', repIds: [], summary: r.summary, data: { retryAt: r.retryAt } });
    } else {
      s.assignmentStatus = 'Hopper';
      notify({ kind: 'hopper', repIds: [], notifyManagersOf: [...s.hadIt], summary: r.summary, data: { queueId: r.queueId } });
    }
    changed();
  }

  async function toHopper(why: string) {
    await acts.recordLifecycleEvent({
      ...meta(SYSTEM_ACTOR),
      eventKey: nextKey(),
      action: 'moved_to_hopper',
      reason: why,
      set: { assignmentStatus: 'Hopper', offeredToId: null, offerDeadline: null },
      detail: { attempts: s.attempts, hadIt: s.hadIt },
    });
    s.assignmentStatus = 'Hopper';
    s.offeredToId = null;
    s.offerDeadline = null;
    notify({ kind: 'hopper', repIds: [], notifyManagersOf: [...s.hadIt], summary: `no rep accepted the lead after ${s.attempts} offers` });
    changed();
  }

  /** After a rejection or an expired offer: the next candidate, or the hopper after N attempts. */
  async function afterMiss(reason: 'rejected' | 'timeout') {
    settings = await acts.loadLifecycleSettings();
    if (s.attempts >= settings.maxOfferAttempts) await toHopper(`${s.attempts} offers not accepted (limit ${settings.maxOfferAttempts})`);
    else requestRouting(reason);
  }

  /** Releases the rep holding the lead (offered or owner), if any. */
  async function releaseHolder(actor: Actor, reason: 'rejected' | 'timeout' | 'reassigned' | 'converted' | 'retired') {
    const holder = s.ownerId ?? s.offeredToId;
    if (holder) await acts.releaseLead({ ...meta(actor), eventKey: nextKey(), repId: holder, reason });
    return holder;
  }

  async function offerTimedOut() {
    const rep = s.offeredToId!;
    await acts.recordLifecycleEvent({
      ...meta(SYSTEM_ACTOR),
      eventKey: nextKey(),
      action: 'offer_timed_out',
      reason: `not accepted within ${settings.offerTimeoutMinutes} minutes`,
      set: { assignmentStatus: 'Reassigned', offeredToId: null, offerDeadline: null },
      detail: { repId: rep, attempt: s.attempts },
    });
    await acts.releaseLead({ ...meta(SYSTEM_ACTOR), eventKey: nextKey(), repId: rep, reason: 'timeout' });
    s.hadIt.push(rep);
    s.assignmentStatus = 'Reassigned';
    s.offeredToId = null;
    s.offerDeadline = null;
    notify({ kind: 'offer_expired', repIds: [rep], summary: 'offer expired without an answer' });
    changed();
    await afterMiss('timeout');
  }

  async function retire(actor: Actor, reason: string, note: string | undefined, requestId?: string) {
    await releaseHolder(actor, 'retired');
    await acts.recordLifecycleEvent({
      ...meta(actor, requestId),
      eventKey: nextKey(),
      action: 'retired',
      reason,
      note: note ?? null,
      set: { status: 'Retired', retireReason: reason, closedAt: nowIso(), offeredToId: null, offerDeadline: null },
    });
    s.status = 'Retired';
    s.retireReason = reason;
    s.offeredToId = null;
    s.offerDeadline = null;
    s.closed = true;
    changed();
  }

  async function onStale() {
    settings = await acts.loadLifecycleSettings();
    if (Date.now() < staleAt(s, settings.staleAfterDays)) return; // settings changed meanwhile
    const days = settings.staleAfterDays;
    if (!s.escalated && s.rank !== null && settings.escalateRanks.includes(s.rank)) {
      const holder = await releaseHolder(SYSTEM_ACTOR, 'reassigned');
      const teamId = settings.telemarketingTeamId;
      await acts.recordLifecycleEvent({
        ...meta(SYSTEM_ACTOR),
        eventKey: nextKey(),
        action: 'escalated',
        reason: 'No activity',
        set: { ownerId: null, offeredToId: null, offerDeadline: null, acceptance: null, assignmentStatus: 'Reassigned', lastActivityAt: nowIso() },
        detail: { rank: s.rank, staleAfterDays: days, telemarketingTeamId: teamId, previousHolder: holder },
      });
      s.escalated = true;
      s.ownerId = null;
      s.hadIt = holder ? [holder] : [];
      s.attempts = 0;
      s.assignmentStatus = 'Reassigned';
      s.lastActivityAt = nowIso();
      notify({ kind: 'escalated', repIds: [], notifyManagersOf: holder ? [holder] : [], summary: `rank ${s.rank} lead without activity for ${days} days escalated`, data: { telemarketingTeamId: teamId } });
      changed();
      s.routeTeamId = teamId;
      if (teamId) await route('escalation');
      else await toHopper(`rank ${s.rank} lead without activity for ${days} days; no telemarketing team configured`);
      return;
    }
    await retire(SYSTEM_ACTOR, 'No activity', `no activity for ${days} days`);
    notify({ kind: 'retired_stale', repIds: [], summary: `retired: no activity for ${days} days` });
  }

  async function onTimers() {
    if (!isOpen(s)) return;
    const now = Date.now();
    if (s.assignmentStatus === 'Offered' && s.offerDeadline && now >= Date.parse(s.offerDeadline)) return offerTimedOut();
    if (s.assignmentStatus === 'Queued' && s.retryAt && now >= Date.parse(s.retryAt)) return requestRouting('capacity_freed');
    if (now >= staleAt(s, settings.staleAfterDays)) return onStale();
  }

  // ---- handlers: registered before the first await ----
  setHandler(stateQuery, () => s);
  setHandler(capturedUpdate, async (requestId) => {
    await condition(() => s.captured);
    return { leadId: s.leadId, created: created && requestId === input.requestId, duplicateOfId: s.duplicateOfId };
  });

  setHandler(
    acceptUpdate,
    (a) =>
      inUpdate(async () => {
        assertOfferedTo(a.repId);
        const at = nowIso();
        await acts.recordLifecycleEvent({
          ...meta(a.actor, a.requestId),
          eventKey: nextKey(),
          action: 'accepted',
          set: { ownerId: a.repId, acceptance: 'Yes', assignmentStatus: 'Assigned', offeredToId: null, offerDeadline: null, lastActivityAt: at },
          detail: { attempt: s.attempts, offerTimeoutMinutes: settings.offerTimeoutMinutes },
        });
        Object.assign(s, { ownerId: a.repId, offeredToId: null, offerDeadline: null, assignmentStatus: 'Assigned', lastActivityAt: at, hadIt: [], attempts: 0, routeTeamId: null });
        changed();
        return ownerResult(s);
      }),
    { validator: (a) => assertOfferedTo(a.repId) },
  );

  setHandler(
    rejectUpdate,
    (a) =>
      inUpdate(async () => {
        assertOfferedTo(a.repId);
        await acts.recordLifecycleEvent({
          ...meta(a.actor, a.requestId),
          eventKey: nextKey(),
          action: 'rejected',
          reason: a.reason,
          note: a.note ?? null,
          set: { assignmentStatus: 'Rejected', acceptance: 'No', offeredToId: null, offerDeadline: null, lastActivityAt: nowIso() },
          detail: { repId: a.repId, attempt: s.attempts },
        });
        await acts.releaseLead({ ...meta(a.actor, a.requestId), eventKey: nextKey(), repId: a.repId, reason: 'rejected' });
        Object.assign(s, { assignmentStatus: 'Rejected', offeredToId: null, offerDeadline: null, lastActivityAt: nowIso() });
        s.hadIt.push(a.repId);
        changed();
        await afterMiss('rejected');
        return ownerResult(s);
      }),
    { validator: (a) => assertOfferedTo(a.repId) },
  );

  setHandler(
    claimUpdate,
    (a) =>
      inUpdate(async () => {
        assertClaimable();
        await acts.recordManualAssignment({ ...meta(a.actor, a.requestId), eventKey: nextKey(), repId: a.repId, reason: 'claim' });
        const at = nowIso();
        await acts.recordLifecycleEvent({
          ...meta(a.actor, a.requestId),
          eventKey: nextKey(),
          action: 'claimed',
          set: { ownerId: a.repId, acceptance: 'Yes', assignmentStatus: 'Assigned', offeredToId: null, offerDeadline: null, lastActivityAt: at },
        });
        Object.assign(s, { ownerId: a.repId, assignmentStatus: 'Assigned', lastActivityAt: at, hadIt: [], attempts: 0, retryAt: null, routeTeamId: null });
        changed();
        return ownerResult(s);
      }),
    { validator: (_a) => assertClaimable() },
  );

  setHandler(
    reassignUpdate,
    (a) =>
      inUpdate(async () => {
        assertOpen();
        const previous = await releaseHolder(a.actor, 'reassigned');
        const at = nowIso();
        await acts.recordLifecycleEvent({
          ...meta(a.actor, a.requestId),
          eventKey: nextKey(),
          action: 'reassigned',
          reason: a.reason,
          note: a.note ?? null,
          set: { ownerId: null, offeredToId: null, offerDeadline: null, acceptance: null, assignmentStatus: 'Reassigned', lastActivityAt: at },
          detail: { previous, toRepId: a.toRepId ?? null },
        });
        Object.assign(s, { ownerId: null, offeredToId: null, offerDeadline: null, assignmentStatus: 'Reassigned', lastActivityAt: at, attempts: 0, retryAt: null, routeTeamId: null });
        s.hadIt = previous ? [previous] : [];
        if (a.toRepId) {
          // A specific user: the lead goes straight to them (seeds: Distribute Lead to a specific user).
          await acts.recordManualAssignment({ ...meta(a.actor, a.requestId), eventKey: nextKey(), repId: a.toRepId, reason: 'reassign' });
          await acts.recordLifecycleEvent({
            ...meta(a.actor, a.requestId),
            eventKey: nextKey(),
            action: 'assigned',
            reason: a.reason,
            set: { ownerId: a.toRepId, acceptance: 'Yes', assignmentStatus: 'Assigned' },
          });
          Object.assign(s, { ownerId: a.toRepId, assignmentStatus: 'Assigned', hadIt: [] });
        } else {
          requestRouting('reassign');
        }
        changed();
        return ownerResult(s);
      }),
    {
      validator: (a) => {
        assertOpen();
        if (a.toRepId && a.toRepId === s.ownerId) throw fail(LEAD_ERRORS.invalid, 'the lead is already owned by that rep');
      },
    },
  );

  setHandler(
    convertUpdate,
    (a) =>
      inUpdate(async () => {
        assertOwned();
        const owner = s.ownerId;
        const { opportunityId } = await acts.convertLead({ ...meta(a.actor, a.requestId), eventKey: nextKey(), at: nowIso(), ownerId: owner, opportunity: a.opportunity });
        if (owner) await acts.releaseLead({ ...meta(a.actor, a.requestId), eventKey: nextKey(), repId: owner, reason: 'converted' });
        Object.assign(s, { status: 'Converted', opportunityId, closed: true, lastActivityAt: nowIso() });
        changed();
        return { ...ownerResult(s), opportunityId };
      }),
    { validator: (_a) => assertOwned() },
  );

  setHandler(
    retireUpdate,
    (a) =>
      inUpdate(async () => {
        assertOpen();
        await retire(a.actor, a.reason, a.note, a.requestId);
        return ownerResult(s);
      }),
    { validator: (_a) => assertOpen() },
  );

  setHandler(
    updateAttributesUpdate,
    (a) =>
      inUpdate(async () => {
        assertOpen();
        const at = nowIso();
        const { changed: fields } = await acts.updateLeadAttributes({ ...meta(a.actor, a.requestId), eventKey: nextKey(), at, attributes: a.attributes });
        s.lastActivityAt = at;
        if (fields.length === 0) {
          version++;
          return s;
        }
        await runPipeline('attributes_changed');
        if (isUnowned(s) && s.assignmentStatus !== 'Unassigned') {
          // Not accepted yet: route again when routing would now pick other candidates.
          const preview = await acts.previewAssignment({ leadId: s.leadId, excludeRepIds: s.hadIt });
          const stillFits = s.offeredToId !== null && preview.candidateRepIds.includes(s.offeredToId);
          const wouldChange = s.assignmentStatus === 'Offered' ? !stillFits : preview.outcome === 'offered';
          if (wouldChange) {
            const previous = await releaseHolder(a.actor, 'reassigned');
            await acts.recordLifecycleEvent({
              ...meta(a.actor, a.requestId),
              eventKey: nextKey(),
              action: 'rerouted',
              reason: 'attributes changed the routing outcome',
              set: { offeredToId: null, offerDeadline: null, assignmentStatus: 'Reassigned' },
              detail: { previous, changedFields: fields, preview: preview.summary },
            });
            Object.assign(s, { offeredToId: null, offerDeadline: null, assignmentStatus: 'Reassigned', attempts: 0, hadIt: [] });
            requestRouting('attributes_changed');
          }
        } else if (s.assignmentStatus === 'Unassigned') {
          requestRouting('attributes_changed');
        }
        changed();
        return s;
      }),
    {
      validator: (a) => {
        assertOpen();
        if (Object.keys(a.attributes).length === 0) throw fail(LEAD_ERRORS.invalid, 'no attributes to update');
      },
    },
  );

  setHandler(
    addNoteUpdate,
    (a) =>
      inUpdate(async () => {
        assertOpen();
        const at = nowIso();
        const { noteId } = await acts.addLeadNote({ ...meta(a.actor, a.requestId), eventKey: nextKey(), at, text: a.text });
        s.lastActivityAt = at;
        version++;
        return { noteId };
      }),
    {
      validator: (a) => {
        assertOpen();
        if (!a.text.trim()) throw fail(LEAD_ERRORS.invalid, 'the note is empty');
      },
    },
  );

  setHandler(capacityFreedSignal, () => {
    if (isOpen(s) && s.assignmentStatus === 'Queued') requestRouting('capacity_freed');
  });
  setHandler(leadActivitySignal, () => {
    if (!isOpen(s)) return;
    s.lastActivityAt = nowIso();
    version++;
  });
  setHandler(processingSignal, (sig) => {
    if (!isOpen(s)) return;
    if (sig.derived) {
      applyPipeline({
        status: sig.derived.status ?? s.status,
        qualified: sig.derived.qualified ?? s.qualified,
        rank: sig.derived.rank !== undefined ? sig.derived.rank : s.rank,
        score: sig.derived.score !== undefined ? sig.derived.score : s.score,
      });
      changed();
    }
    const routable = isUnowned(s) && s.assignmentStatus !== 'Offered';
    if ((sig.kind === 'requalified' || sig.kind === 'reassign' || sig.kind === 'realign') && routable) requestRouting('processing');
    else if (sig.kind !== 'rescored') log.info('processing signal needs no lifecycle change', { kind: sig.kind, assignmentStatus: s.assignmentStatus });
  });

  // Added after the freeze (replay-safe: no recorded history has this signal): a changed stale
  // threshold reaches these executions too.
  setHandler(settingsChangedSignal, () => lock.run(async () => {
    settings = await acts.loadLifecycleSettings();
    version++;
  }));

  // ---- main ----
  if (!s.captured) {
    await lock.run(async () => {
      const result = await acts.captureAndProcessLead({
        leadId: s.leadId,
        capture: input.capture,
        actor: input.actor,
        eventKey: nextKey(),
        pipelineEventKey: nextKey(),
        requestId: input.requestId,
      });
      created = result.created;
      settings = result.settings;
      s.captured = true;
      log.info('lead captured', { leadId: s.leadId, requestId: input.requestId, created, duplicateOf: result.duplicateOfId ?? null, actor: `${input.actor.kind}:${input.actor.id}` });
      if (result.duplicateOfId) {
        Object.assign(s, { duplicateOfId: result.duplicateOfId, status: 'Retired', retireReason: 'Duplicate lead', closed: true });
      } else if (result.pipeline) {
        applyPipeline(result.pipeline);
        requestRouting('captured');
      }
      changed();
    });
  } else {
    settings = await acts.loadLifecycleSettings();
  }

  while (!s.closed) {
    if (routing) {
      const reason: AssignReason = routing;
      routing = null;
      await lock.run(() => route(reason));
      continue;
    }
    const seen = version;
    const wake = nextWake(s, settings.staleAfterDays);
    const woken = () => version !== seen || routing !== null || s.closed;
    if (wake === undefined) await condition(woken);
    else if (!(await condition(woken, Math.max(wake - Date.now(), 1)))) await lock.run(onTimers);
    const info = workflowInfo();
    if (!s.closed && !routing && (info.continueAsNewSuggested || info.historyLength > (input.historyLimit ?? DEFAULT_HISTORY_LIMIT))) {
      await Promise.all(notifications);
      await condition(allHandlersFinished);
      return continueAsNew<typeof legacyLeadWorkflow>({ ...input, carried: s });
    }
  }

  await Promise.all(notifications);
  await condition(allHandlersFinished);
  return s;
}
