// An in-memory world for the lifecycle model: it runs `transition` the way workflows/lead.ts does
// (dispatch loop, main loop, timers) and plays the activities — a stored lead row, reps' capacity
// reservations, the audit log, routing with exclusions and capacity — so model-based tests can
// check the rules' invariants after every step without Temporal or PostgreSQL.
import type { Call, CallResultEvent, CallResults, DerivedValues, Effect, LeadLiveState, LifecycleColumns, LifecycleEvent, LifecycleRules, Refusal } from '../../rules/lifecycle/index.js';
import { initialState, isOpen, nextWake, transition } from '../../rules/lifecycle/index.js';

export const LEAD = '00000000-0000-4000-8000-000000000001';
export interface Segments { east: string[]; west: string[] }

export interface WorldOptions {
  /** Sales reps by region (routing sends an east lead to the east reps, round robin). */
  segments: Segments;
  /** The telemarketing team's members (stale escalations). */
  teleReps: string[];
  teleTeamId: string;
  capacity: number;
  rules: LifecycleRules;
  start: number;
}

export interface AuditRow { action: string; step: number; detail?: Record<string, unknown> }
export interface StepRecord { event: LifecycleEvent['type']; audits: string[]; rowChanged: boolean; offeredTo?: string; excluded?: string[] }

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export class LifecycleWorld {
  now: number;
  rules: LifecycleRules;
  state: LeadLiveState;
  /** The lead row's lifecycle columns (the read model the activities write). */
  row: Required<Pick<LifecycleColumns, 'status' | 'assignmentStatus' | 'ownerId' | 'offeredToId' | 'offerDeadline' | 'attempts'>> & { closedAt: string | null };
  attributes: Record<string, string> = { region: 'east', timeframe: 'soon', city: 'Boston' };
  /** Capacity reservations: rep -> leads counted (this lead, plus `busy` other leads). */
  holds = new Map<string, boolean>();
  busy = new Map<string, number>();
  queued = false;
  ownerHistory: string[] = [];
  audit: AuditRow[] = [];
  steps: StepRecord[] = [];
  private rr = 0;
  private stepNo = 0;

  constructor(readonly opts: WorldOptions) {
    this.now = opts.start;
    this.rules = { ...opts.rules };
    this.state = initialState(LEAD, this.iso());
    this.row = { status: 'Unqualified', assignmentStatus: 'Unassigned', ownerId: null, offeredToId: null, offerDeadline: null, attempts: 0, closedAt: null };
  }

  iso(): string { return new Date(this.now).toISOString(); }
  get reps(): string[] { return [...this.opts.segments.east, ...this.opts.segments.west, ...this.opts.teleReps]; }

  /** The capture (the workflow's first step): the row, the pipeline, then routing. */
  capture(): void {
    this.audit.push({ action: 'captured', step: 0 }, { action: 'processed', step: 0 });
    this.dispatch({ type: 'captured', result: { created: true, duplicateOfId: null, pipeline: this.derive() } });
    this.settle();
  }

  /** A command or signal, then whatever the main loop does next (routing, due timers). */
  act(event: LifecycleEvent): Refusal | undefined {
    const refusal = this.dispatch(event);
    this.settle();
    return refusal;
  }

  /** Time passes: timers fire as the workflow's main loop would fire them. */
  advance(ms: number): void {
    const until = this.now + ms;
    for (let guard = 0; guard < 100; guard++) {
      const wake = nextWake(this.state, this.rules);
      if (wake === undefined || wake > until) break;
      this.now = Math.max(this.now, wake);
      this.dispatch({ type: 'timer' });
      this.settle();
    }
    this.now = until;
  }

  private settle(): void {
    for (let guard = 0; this.state.pendingRoute && guard < 20; guard++) this.dispatch({ type: 'route_due' });
  }

  /** The workflow's dispatch loop: transition, effects in order, the call's result as the next event. */
  private dispatch(first: LifecycleEvent): Refusal | undefined {
    let event: LifecycleEvent | undefined = first;
    while (event) {
      const step = transition(this.state, event, { rules: this.rules, now: this.iso() });
      if (step.refusal) return step.refusal;
      this.stepNo++;
      const rowBefore = JSON.stringify(this.row);
      const auditsBefore = this.audit.length;
      this.state = step.state;
      for (const e of step.effects) this.effect(e);
      const record: StepRecord = { event: event.type, audits: [], rowChanged: false };
      event = step.call ? this.call(step.call, record) : undefined;
      record.audits = this.audit.slice(auditsBefore).map((a) => a.action);
      record.rowChanged = JSON.stringify(this.row) !== rowBefore;
      this.steps.push(record);
    }
    return undefined;
  }

  private effect(e: Effect): void {
    switch (e.kind) {
      case 'record': {
        this.audit.push({ action: e.action, step: this.stepNo, detail: { ...e.detail, ...(e.set.ownerId !== undefined ? { ownerId: e.set.ownerId } : {}) } });
        if (e.set.assignmentStatus !== undefined && e.set.assignmentStatus !== 'Queued') this.queued = false;
        for (const [k, v] of Object.entries(e.set)) if (k in this.row) (this.row as Record<string, unknown>)[k] = v;
        if (typeof e.set.ownerId === 'string') this.ownerHistory.unshift(e.set.ownerId);
        return;
      }
      case 'release':
        this.holds.delete(e.repId);
        return;
      case 'take':
        for (const r of [...this.holds.keys()]) if (r !== e.repId) this.holds.delete(r);
        this.holds.set(e.repId, true);
        this.ownerHistory.unshift(e.repId);
        return;
      case 'notify':
        return;
    }
  }

  private call(c: Call, record: StepRecord): CallResultEvent {
    const audit = (action: string, detail?: Record<string, unknown>) => this.audit.push({ action, step: this.stepNo, ...(detail ? { detail } : {}) });
    switch (c.kind) {
      case 'assign': {
        const result = this.route(c.excludeRepIds, c.teamId);
        record.excluded = [...c.excludeRepIds];
        for (const r of [...this.holds.keys()]) if (r !== result.repId) this.holds.delete(r);
        if (result.outcome === 'offered') {
          record.offeredTo = result.repId!;
          this.holds.set(result.repId!, true);
          Object.assign(this.row, { assignmentStatus: 'Offered', offeredToId: result.repId, offerDeadline: c.offerDeadline, attempts: c.attempt });
        } else {
          Object.assign(this.row, { assignmentStatus: result.outcome === 'queued' ? 'Queued' : 'Hopper', offeredToId: null, offerDeadline: null });
        }
        this.queued = result.outcome === 'queued';
        audit(result.outcome === 'offered' ? 'offered' : result.outcome === 'queued' ? 'queued' : 'hopper', { repId: result.repId, excluded: [...c.excludeRepIds] });
        return { type: 'routed', call: c, result };
      }
      case 'pipeline': {
        audit('processed');
        const d = this.derive();
        this.row.status = this.row.status === 'Converted' || this.row.status === 'Retired' ? this.row.status : d.status;
        return { type: 'pipeline_ran', call: c, result: d };
      }
      case 'update_attributes': {
        const changed = Object.entries(c.attributes).filter(([k, v]) => this.attributes[k] !== v).map(([k]) => k);
        for (const k of changed) this.attributes[k] = (c.attributes as Record<string, string>)[k]!;
        if (changed.length > 0) audit('attributes_updated');
        return { type: 'edited', call: c, result: { changed } };
      }
      case 'preview': {
        const r = this.route(c.excludeRepIds, undefined, true);
        return { type: 'previewed', call: c, result: { outcome: r.outcome, candidateRepIds: r.candidates, summary: 'preview' } };
      }
      case 'convert':
        audit('converted');
        Object.assign(this.row, { status: 'Converted', closedAt: c.at });
        return { type: 'converted', call: c, result: { opportunityId: 'opp-1' } };
      case 'note':
        audit('note_added');
        return { type: 'noted', call: c, result: { noteId: 'note-1' } };
    }
  }

  /** Routing: the lead's region (or the team), minus exclusions; round robin among reps with room; queued when all are full; else the hopper. */
  private route(exclude: readonly string[], teamId?: string, preview = false): CallResults['assign'] & { candidates: string[] } {
    const pool = teamId ? this.opts.teleReps : this.opts.segments[this.attributes.region === 'west' ? 'west' : 'east'];
    const candidates = pool.filter((r) => !exclude.includes(r));
    const room = candidates.filter((r) => (this.busy.get(r) ?? 0) < this.opts.capacity);
    if (candidates.length === 0) return { outcome: 'hopper', repId: null, retryAt: null, summary: 'nobody left', candidates };
    if (room.length === 0) return { outcome: 'queued', repId: null, retryAt: new Date(this.now + 60 * 60_000).toISOString(), summary: 'all full', candidates };
    const pick = room[(preview ? this.rr : this.rr++) % room.length]!;
    return { outcome: 'offered', repId: pick, retryAt: null, summary: `offered to ${pick}`, candidates: room };
  }

  private derive(): DerivedValues {
    const rank = this.attributes.timeframe === 'soon' ? 'A' : 'C';
    return { status: 'Qualified', qualified: true, rank, score: rank === 'A' ? 80 : 30, salesChannel: 'Phone' };
  }

  snapshot() { return clone({ state: this.state, row: this.row, holds: [...this.holds.keys()] }); }
  get open(): boolean { return isOpen(this.state); }
}
