// Shapes shared by the processing-run activities, the bench and the API's readers.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PipelineStage, RuleSetType } from '../../rules/index.js';
import type { Criterion } from '../../rules/processing/criteria.js';
import type { ProcessType } from '../../rules/processing/process-types.js';
import type { ProcessingSignal } from '../../workflows/messages.js';

/** What a run uses, fixed when it starts (a later edit of the activity affects the next run only). */
export interface RunDefinition {
  activityId: string;
  name: string;
  revision: number;
  processType: ProcessType;
  /** The resolved rule set version (null for Assignment and Realign). */
  ruleSet: { ruleSetId: string; version: number; type: RuleSetType; stage: PipelineStage; name: string } | null;
  criteria: Criterion[];
  diagnostic: boolean;
  pageSize: number;
}

export type LeadOutcomeKind = 'changed' | 'unchanged' | 'skipped' | 'signalled' | 'failed';

export interface SignalRequest {
  leadId: string;
  kind: ProcessingSignal['kind'];
  derived?: ProcessingSignal['derived'];
}

/** What happened to one lead of a page. */
export interface LeadOutcome {
  leadId: string;
  outcome: LeadOutcomeKind;
  /** The changed fields before / after (audit); in diagnostic mode the process type's fields. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Lead columns to write (changed leads of scoring, ranking and qualification runs). */
  write?: { status: string; qualified: boolean; rank: string | null; score: number | null; ruleVersions: Record<string, unknown> };
  /** The audit event's trace for a changed lead (rule set versions and matched rules). */
  audit?: Record<string, unknown>;
  /** The fields the audit event's before / after show (default: the keys of `after`). */
  auditFields?: string[];
  /** Diagnostic mode: the rule trace (explanation lines and traces). */
  trace?: unknown;
  /** Why a lead was skipped or failed. */
  message?: string;
  signal?: SignalRequest;
  /** What the process type's `writeExtra` writes for this lead (e.g. the new territory team). */
  payload?: unknown;
}

/** Evaluates one page of lead rows; must not throw for one bad lead (that lead fails). */
export interface PageEvaluator {
  /** Lock the selected lead rows (runs that write the lead or its teams). */
  locksLeads: boolean;
  /** The audit action of a changed lead (default `processed`). */
  auditAction?: string;
  evaluate(rows: readonly Record<string, unknown>[], asOf: Date, em: EntityManager): LeadOutcome[] | Promise<LeadOutcome[]>;
  /**
   * Writes of the process type besides lead columns (e.g. the lead's territories), in the page's
   * transaction; returns the leads whose write failed (they are logged and skipped).
   */
  writeExtra?(em: EntityManager, outcomes: readonly LeadOutcome[], asOf: Date): Promise<Map<string, string>>;
}
