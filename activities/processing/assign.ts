// Assignment runs: the lead workflow owns assignment, so the run asks each selected open lead
// nobody owns (and that is not waiting on an offer) to route itself again with the routing
// configuration (`reassign`); owned, offered and closed leads are skipped.
import type { LeadOutcome, PageEvaluator, RunDefinition } from './types.js';

const CLOSED = ['Converted', 'Retired'];

export function assignmentSkipReason(row: Readonly<Record<string, unknown>>): string | null {
  const status = String(row['status'] ?? '');
  if (CLOSED.includes(status)) return `the lead is ${status}`;
  if (row['ownerId']) return 'the lead has an owner';
  if (row['assignmentStatus'] === 'Offered') return 'an offer is pending';
  return null;
}

export function assignmentEvaluator(def: RunDefinition): PageEvaluator {
  return {
    locksLeads: false,
    evaluate(rows) {
      return rows.map((row): LeadOutcome => {
        const leadId = String(row['id']);
        const state = { status: row['status'], assignmentStatus: row['assignmentStatus'], ownerId: row['ownerId'] ?? null };
        const skip = assignmentSkipReason(row);
        const shown = def.diagnostic ? state : null;
        if (skip) return { leadId, outcome: 'skipped', before: shown, after: null, message: skip };
        return { leadId, outcome: 'signalled', before: shown, after: null, message: 'routing requested (reassign)', signal: { leadId, kind: 'reassign' } };
      });
    },
  };
}
