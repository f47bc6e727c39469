// Custom search attributes that make the Temporal UI useful to ops (filter leads by status,
// rank, score, owner, assignment status). Shared by workflows, the API and server setup.
import { defineSearchAttributeKey } from '@temporalio/common';

export const SEARCH_ATTRIBUTE_TYPES = {
  LeadStatus: 'Keyword',
  LeadRank: 'Keyword',
  LeadScore: 'Int',
  OwnerId: 'Keyword',
  AssignmentStatus: 'Keyword',
  ProcessingActivityId: 'Keyword',
} as const;

export const LeadStatusKey = defineSearchAttributeKey('LeadStatus', 'KEYWORD');
export const LeadRankKey = defineSearchAttributeKey('LeadRank', 'KEYWORD');
export const LeadScoreKey = defineSearchAttributeKey('LeadScore', 'INT');
export const OwnerIdKey = defineSearchAttributeKey('OwnerId', 'KEYWORD');
export const AssignmentStatusKey = defineSearchAttributeKey('AssignmentStatus', 'KEYWORD');
export const ProcessingActivityIdKey = defineSearchAttributeKey('ProcessingActivityId', 'KEYWORD');
