// What happens to a lead (the inputs of the transition model): people's commands (the workflow's
// updates), timers, signals from other parts of leadflow, and the results of the calls the model
// asked for (capture, routing, the rules pipeline...), fed back as events.
import type { LeadAttributes } from '../lead-attributes.js';
import type { REASSIGN_REASONS, REJECT_REASONS, USER_RETIRE_REASONS } from '../lookups.js';
import type { AssignCall, CallResults, ConvertCall, NoteCall, PipelineCall, PreviewCall, UpdateAttributesCall } from './effects.js';

/** Who did something: a person (JWT subject), an integration key, or leadflow itself. */
export interface Actor {
  kind: 'user' | 'api_key' | 'system';
  id: string;
  role?: string;
  name?: string;
}
export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'leadflow' };

interface ByActor { actor: Actor; requestId?: string }

export type OpportunityInput = { name: string; amount?: number; currency?: string; closeDate?: string; description?: string };

/** A person's (or an integration's) command: validated first, refused without any change when it does not apply. */
export type LifecycleCommand =
  | ({ type: 'accept'; repId: string } & ByActor)
  | ({ type: 'reject'; repId: string; reason: (typeof REJECT_REASONS)[number]; note?: string } & ByActor)
  | ({ type: 'claim'; repId: string } & ByActor)
  | ({ type: 'reassign'; reason: (typeof REASSIGN_REASONS)[number]; toRepId?: string; note?: string } & ByActor)
  | ({ type: 'convert'; opportunity: OpportunityInput } & ByActor)
  | ({ type: 'retire'; reason: (typeof USER_RETIRE_REASONS)[number]; note?: string } & ByActor)
  | ({ type: 'edit'; attributes: Partial<LeadAttributes> } & ByActor)
  | ({ type: 'note'; text: string } & ByActor);

export interface ProcessingSignal {
  kind: 'requalified' | 'reassign' | 'realign' | 'rescored';
  runId: string;
  processingActivityId: string;
  /** Derived values the run wrote (so the workflow's state and search attributes follow). */
  derived?: { status?: 'Unqualified' | 'Qualified' | 'Converted' | 'Retired'; qualified?: boolean; rank?: string | null; score?: number | null };
}

/** Things that happen without a person asking the lead: timers and other parts of leadflow. */
export type LifecycleSignal =
  /** A deadline may have passed (offer SLA, queue retry, stale rule): `now` decides which. */
  | { type: 'timer' }
  /** The main loop routes a lead whose routing is due (`pendingRoute`). */
  | { type: 'route_due' }
  /** Capacity freed for a queued lead's candidates (assignment). */
  | { type: 'capacity_freed' }
  /** Activity elsewhere (an assessment, a duplicate captured...): restarts the stale clock; audited by its sender. */
  | { type: 'activity'; at: string; kind: string }
  /** A processing run wrote derived values in bulk (audited by the run) and may want the lead routed. */
  | { type: 'processing'; signal: ProcessingSignal };

/** The result of a call the model asked for, fed back with the call itself. */
export type CallResultEvent =
  | { type: 'captured'; result: CallResults['capture'] }
  | { type: 'routed'; call: AssignCall; result: CallResults['assign'] }
  | { type: 'pipeline_ran'; call: PipelineCall; result: CallResults['pipeline'] }
  | { type: 'edited'; call: UpdateAttributesCall; result: CallResults['update_attributes'] }
  | { type: 'previewed'; call: PreviewCall; result: CallResults['preview'] }
  | { type: 'converted'; call: ConvertCall; result: CallResults['convert'] }
  | { type: 'noted'; call: NoteCall; result: CallResults['note'] };

export type LifecycleEvent = LifecycleCommand | LifecycleSignal | CallResultEvent;
