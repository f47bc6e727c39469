// Delivers one routing decision to the configured webhook (custom-logic hook), retrying with
// exponential backoff for about an hour; started by assignLead after the decision committed.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { DecisionWebhookInput } from './assignment-messages.js';

const { deliverDecisionWebhook } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 12 },
});

export async function decisionWebhookWorkflow(input: DecisionWebhookInput): Promise<{ status: number }> {
  return deliverDecisionWebhook(input);
}
