// The lifecycle's rules restated independently of rules/lifecycle/ for model-based tests: which
// commands a lead must refuse, and what the audit trail says about rounds and former holders
// (a rep who had the lead in this round is never offered it again; former holders lose access).
import { LEAD_ERRORS } from '../../rules/lifecycle/index.js';

export interface LeadView {
  captured?: boolean;
  closed: boolean;
  ownerId: string | null;
  offeredToId: string | null;
  assignmentStatus: string;
}

export type SpecCommand =
  | { type: 'accept' | 'reject' | 'claim'; repId: string }
  | { type: 'reassign'; toRepId?: string }
  | { type: 'convert' | 'retire' | 'edit' | 'note' };

/** The refusal the lead must answer `cmd` with, or null when it applies. */
export function specRefusal(s: LeadView, cmd: SpecCommand): string | null {
  if (s.closed) return LEAD_ERRORS.closed;
  switch (cmd.type) {
    case 'accept': case 'reject':
      return s.assignmentStatus === 'Offered' && s.offeredToId === cmd.repId ? null : LEAD_ERRORS.notOffered;
    case 'claim':
      return s.ownerId ? LEAD_ERRORS.alreadyOwned : s.assignmentStatus === 'Hopper' ? null : LEAD_ERRORS.notInHopper;
    case 'reassign':
      return cmd.toRepId && cmd.toRepId === s.ownerId ? LEAD_ERRORS.invalid : null;
    case 'convert':
      return s.ownerId ? null : LEAD_ERRORS.notOwned;
    default:
      return null;
  }
}

export interface TrailRow { action: string; detail?: Record<string, unknown> }

/** Follows a lead's audit trail: rounds, former holders, escalations; every offer is checked against the round. */
export class TrailTracker {
  /** Reps who had the lead in the current round (rejected it or let it time out). */
  roundHad = new Set<string>();
  /** Reps who held the lead (offered or owner) and lost it. */
  former = new Set<string>();
  escalations = 0;
  /** Offers made to a rep who had the lead in the same round (must stay empty). */
  violations: string[] = [];
  private seen = 0;

  follow(rows: readonly TrailRow[]): void {
    for (const row of rows.slice(this.seen)) {
      const d = row.detail ?? {};
      const lose = (rep: unknown) => { if (typeof rep === 'string') this.former.add(rep); };
      switch (row.action) {
        case 'offered':
          if (typeof d.repId === 'string' && this.roundHad.has(d.repId)) this.violations.push(`offered to ${d.repId} again in the round (${[...this.roundHad].join(', ')})`);
          break;
        case 'rejected': case 'offer_timed_out':
          this.roundHad.add(String(d.repId));
          lose(d.repId);
          break;
        case 'accepted': case 'claimed':
          this.roundHad.clear();
          break;
        case 'reassigned':
          lose(d.previous);
          this.roundHad = new Set(d.toRepId || !d.previous ? [] : [String(d.previous)]);
          break;
        case 'escalated':
          this.escalations++;
          lose(d.previousHolder);
          this.roundHad = new Set(d.previousHolder ? [String(d.previousHolder)] : []);
          break;
        case 'rerouted':
          lose(d.previous);
          break;
      }
    }
    this.seen = rows.length;
  }

  /** An Assignment processing run starts a new round for the lead. */
  newRound(): void {
    this.roundHad.clear();
  }
}
