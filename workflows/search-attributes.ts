// Custom search attributes that make the Temporal UI useful to ops (find a lead by e-mail,
// company or source; filter by status, rank, score, owner, the rep it is offered to, channel,
// assignment status). Shared by workflows, the API and server setup.
import { defineSearchAttributeKey } from '@temporalio/common';

export const SEARCH_ATTRIBUTE_TYPES = {
  LeadStatus: 'Keyword',
  LeadRank: 'Keyword',
  LeadScore: 'Int',
  OwnerId: 'Keyword',
  AssignmentStatus: 'Keyword',
  ProcessingActivityId: 'Keyword',
  LeadEmail: 'Keyword',
  LeadCompany: 'Keyword',
  LeadSource: 'Keyword',
  SalesChannel: 'Keyword',
  OfferedToId: 'Keyword',
} as const;

export const LeadStatusKey = defineSearchAttributeKey('LeadStatus', 'KEYWORD');
export const LeadRankKey = defineSearchAttributeKey('LeadRank', 'KEYWORD');
export const LeadScoreKey = defineSearchAttributeKey('LeadScore', 'INT');
export const OwnerIdKey = defineSearchAttributeKey('OwnerId', 'KEYWORD');
export const AssignmentStatusKey = defineSearchAttributeKey('AssignmentStatus', 'KEYWORD');
export const ProcessingActivityIdKey = defineSearchAttributeKey('ProcessingActivityId', 'KEYWORD');
export const LeadEmailKey = defineSearchAttributeKey('LeadEmail', 'KEYWORD');
export const LeadCompanyKey = defineSearchAttributeKey('LeadCompany', 'KEYWORD');
export const LeadSourceKey = defineSearchAttributeKey('LeadSource', 'KEYWORD');
export const SalesChannelKey = defineSearchAttributeKey('SalesChannel', 'KEYWORD');
export const OfferedToIdKey = defineSearchAttributeKey('OfferedToId', 'KEYWORD');
