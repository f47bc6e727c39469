// One entity workflow per lead: a thin interpreter of the lifecycle model (rules/lifecycle/). It
// turns updates, signals and timers into events, feeds them to the pure `transition`, runs the
// effects it returns (lead-effects.ts) and feeds call results back — one event at a time, under a
// lock. Every lifecycle rule lives in the model; here are only the plumbing and Temporal's needs:
// handlers, timers, idempotency keys, search attributes, continue-as-new.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  log,
  patched,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { LIFECYCLE_DEFAULTS } from '../rules/lifecycle-defaults.js';
import type { UpdateDefinition } from '@temporalio/common';
import type { CallResultEvent, LifecycleCommand, LifecycleEvent, Refusal } from '../rules/lifecycle/index.js';
import { initialState, isOpen, nextWake, normalizeState, ownerResult, refusalOf, transition } from '../rules/lifecycle/index.js';
import type { LifecycleRuntimeSettings } from './lead-activities.js';
import { acts, runCall, runEffect, type EffectContext } from './lead-effects.js';
import { legacyLeadWorkflow } from './lead-legacy.js';
import { Serializer } from './serializer.js';
import {
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
  type LeadLiveState,
  type LeadWorkflowInput,
} from './messages.js';
import { leadSearchAttributes, leadSummary } from './lead-visibility.js';

/** Executions started before the model run the frozen code they started with (lead-legacy.ts). */
export const LIFECYCLE_MODEL_PATCH = 'lifecycle-model';
const DEFAULT_HISTORY_LIMIT = 2000;

const failure = (r: Refusal) => ApplicationFailure.create({ type: r.type, message: r.message, nonRetryable: true, details: r.ownerId ? [{ ownerId: r.ownerId }] : [] });

export async function leadWorkflow(input: LeadWorkflowInput): Promise<LeadLiveState> {
  if (!patched(LIFECYCLE_MODEL_PATCH)) return legacyLeadWorkflow(input);

  const workflowId = workflowInfo().workflowId;
  let s: LeadLiveState = input.carried ? normalizeState(input.carried, new Date().toISOString()) : initialState(input.leadId, new Date().toISOString());
  let rules: LifecycleRuntimeSettings = {
    ...LIFECYCLE_DEFAULTS,
    escalateRanks: [...LIFECYCLE_DEFAULTS.escalateRanks],
    dedupe: { ...LIFECYCLE_DEFAULTS.dedupe, matchOn: [...LIFECYCLE_DEFAULTS.dedupe.matchOn] },
    notifications: { webhook: false },
  };
  const lock = new Serializer();
  const sent: Promise<void>[] = [];
  let created = false;
  let version = 0;
  let settingsStale = false;
  let published = '';

  // Event keys make every write idempotent. Steps of an update take theirs from the update's id:
  // when a workflow task is lost after its local activities committed (the SDK can drop one under
  // a storm of updates), the retried task gives the same update the same keys.
  let updateScope: { id: string; n: number } | null = null;
  const effects: EffectContext = {
    leadId: input.leadId,
    nextKey: () => (updateScope ? `${workflowId}/u/${updateScope.id}/${++updateScope.n}` : `${workflowId}/${++s.eventCount}`),
    get notifications() { return rules.notifications.webhook; },
    sent,
  };

  function publish() {
    const attributes = leadSearchAttributes(s);
    const snapshot = JSON.stringify(attributes.map((a) => a.value));
    if (snapshot !== published) {
      published = snapshot;
      upsertSearchAttributes(attributes);
    }
    setCurrentDetails(leadSummary(s));
  }

  /** Feeds one event to the model and runs what it asks, following its calls; returns the last call's result. */
  async function dispatch(first: LifecycleEvent): Promise<CallResultEvent | undefined> {
    let event: LifecycleEvent | undefined = first;
    let last: CallResultEvent | undefined;
    while (event) {
      const step = transition(s, event, { rules, now: new Date().toISOString() });
      if (step.refusal) throw failure(step.refusal);
      s = step.state;
      version++;
      publish();
      for (const e of step.effects) await runEffect(e, effects);
      event = step.call ? (last = await runCall(step.call, effects)) : undefined;
    }
    return last;
  }

  const reloadSettings = async () => {
    rules = await acts.loadLifecycleSettings();
    settingsStale = false;
  };

  /** An update's command, run under the lock with keys of its own; returns the last call's result event. */
  function runCommand(cmd: LifecycleCommand): Promise<CallResultEvent | undefined> {
    const id = currentUpdateInfo()?.id;
    return lock.run(async () => {
      updateScope = id ? { id, n: 0 } : null;
      try {
        return await dispatch(cmd);
      } finally {
        updateScope = null;
      }
    });
  }
  /** Validators are synchronous: a refused command changes nothing and answers at once. */
  function validate(cmd: LifecycleCommand): void {
    const r = refusalOf(s, cmd);
    if (r) throw failure(r);
  }
  function register<A, R>(def: UpdateDefinition<R, [A]>, toCommand: (a: A) => LifecycleCommand, answer: (done: CallResultEvent | undefined) => R) {
    setHandler(def, async (a: A) => answer(await runCommand(toCommand(a))), { validator: (a: A) => validate(toCommand(a)) });
  }

  // ---- handlers: registered before the first await ----
  setHandler(stateQuery, () => s);
  setHandler(capturedUpdate, async (requestId) => {
    await condition(() => s.captured);
    return { leadId: s.leadId, created: created && requestId === input.requestId, duplicateOfId: s.duplicateOfId };
  });
  const owner = () => ownerResult(s);
  register(acceptUpdate, (a) => ({ type: 'accept', ...a }), owner);
  register(rejectUpdate, (a) => ({ type: 'reject', ...a }), owner);
  register(claimUpdate, (a) => ({ type: 'claim', ...a }), owner);
  register(reassignUpdate, (a) => ({ type: 'reassign', ...a }), owner);
  register(convertUpdate, (a) => ({ type: 'convert', ...a }), () => ({ ...ownerResult(s), opportunityId: s.opportunityId ?? '' }));
  register(retireUpdate, (a) => ({ type: 'retire', ...a }), owner);
  register(updateAttributesUpdate, (a) => ({ type: 'edit', ...a }), () => s);
  register(addNoteUpdate, (a) => ({ type: 'note', ...a }), (done) => ({ noteId: done?.type === 'noted' ? done.result.noteId : '' }));

  // Signals are events too, one at a time like everything else.
  const signalled = (event: LifecycleEvent) => lock.run(async () => void (await dispatch(event)));
  setHandler(capacityFreedSignal, () => signalled({ type: 'capacity_freed' }));
  setHandler(leadActivitySignal, (a) => signalled({ type: 'activity', at: a.at, kind: a.kind }));
  setHandler(processingSignal, (sig) => signalled({ type: 'processing', signal: sig }));
  setHandler(settingsChangedSignal, () => {
    settingsStale = true;
    version++;
  });

  // ---- main ----
  if (!s.captured) {
    await lock.run(async () => {
      const result = await acts.captureAndProcessLead({
        leadId: s.leadId, capture: input.capture, actor: input.actor, eventKey: effects.nextKey(), pipelineEventKey: effects.nextKey(), requestId: input.requestId,
      });
      created = result.created;
      rules = result.settings;
      log.info('lead captured', { leadId: s.leadId, requestId: input.requestId, created, duplicateOf: result.duplicateOfId ?? null, actor: `${input.actor.kind}:${input.actor.id}` });
      const pipeline = result.pipeline;
      await dispatch({
        type: 'captured',
        result: { created, duplicateOfId: result.duplicateOfId ?? null, pipeline: pipeline ? { status: pipeline.status, qualified: pipeline.qualified, rank: pipeline.rank, score: pipeline.score, salesChannel: pipeline.salesChannel } : null },
      });
    });
  } else {
    await reloadSettings();
    publish();
  }

  while (!s.closed) {
    if (settingsStale) {
      await lock.run(reloadSettings);
      continue;
    }
    if (s.pendingRoute) {
      await lock.run(async () => {
        // Settings changes apply to the next offer (capture has just read them).
        if (s.pendingRoute !== 'captured') await reloadSettings();
        await dispatch({ type: 'route_due' });
      });
      continue;
    }
    const seen = version;
    const wake = nextWake(s, rules);
    const woken = () => version !== seen || s.pendingRoute !== null || s.closed;
    if (wake === undefined) await condition(woken);
    else if (!(await condition(woken, Math.max(wake - Date.now(), 1)))) {
      await lock.run(async () => {
        await reloadSettings();
        if (isOpen(s)) await dispatch({ type: 'timer' });
      });
    }
    const info = workflowInfo();
    if (!s.closed && !s.pendingRoute && (info.continueAsNewSuggested || info.historyLength > (input.historyLimit ?? DEFAULT_HISTORY_LIMIT))) {
      await Promise.all(sent);
      await condition(allHandlersFinished);
      return continueAsNew<typeof leadWorkflow>({ ...input, carried: s });
    }
  }

  await Promise.all(sent);
  await condition(allHandlersFinished);
  return s;
}

