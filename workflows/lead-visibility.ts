// What ops see of a lead in the Temporal UI: search attributes (filter the workflow list) and a
// one-line current-details summary. Derived from the lifecycle state only.
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { LeadLiveState } from '../rules/lifecycle/index.js';
import { AssignmentStatusKey, LeadRankKey, LeadScoreKey, LeadStatusKey, OfferedToIdKey, OwnerIdKey, SalesChannelKey } from './search-attributes.js';

export function leadSearchAttributes(s: LeadLiveState): SearchAttributeUpdatePair[] {
  return [
    { key: LeadStatusKey, value: s.status },
    { key: AssignmentStatusKey, value: s.assignmentStatus },
    { key: LeadRankKey, value: s.rank },
    { key: LeadScoreKey, value: s.score === null ? null : Math.round(s.score) },
    { key: OwnerIdKey, value: s.ownerId },
    { key: OfferedToIdKey, value: s.offeredToId },
    { key: SalesChannelKey, value: s.salesChannel },
  ] as SearchAttributeUpdatePair[];
}

/** e.g. "Qualified · rank A · score 87 · Offered to rep 5f0c… until 2026-12-03T12:30:00.000Z". */
export function leadSummary(s: LeadLiveState): string {
  const parts: string[] = [s.status];
  if (s.rank) parts.push(`rank ${s.rank}`);
  if (s.score !== null) parts.push(`score ${Math.round(s.score)}`);
  if (s.salesChannel) parts.push(s.salesChannel);
  if (s.ownerId) parts.push(`owner rep ${s.ownerId}`);
  if (s.assignmentStatus === 'Offered' && s.offeredToId) parts.push(`offered to rep ${s.offeredToId} until ${s.offerDeadline}`);
  else if (!s.ownerId) parts.push(s.assignmentStatus);
  if (s.retireReason) parts.push(`retired: ${s.retireReason}`);
  return parts.join(' · ');
}
