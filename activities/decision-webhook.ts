// The custom-logic hook: every routing decision is POSTed to the webhook of the routing version
// that made it, signed with HMAC-SHA256. It never blocks or fails an assignment: after the
// decision commits, assignLead starts a small workflow (id decision-webhook-<decisionId>, so
// retries and replays start it once) whose activity delivers with exponential backoff; a receiver
// that stays down fails only that workflow (visible in the Temporal UI).
import { createHmac } from 'node:crypto';
import { activityInfo } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import { expandDecision } from '../db/assignment/explain.js';
import { rows } from '../db/assignment/sql.js';
import type { Decision } from '../rules/assignment/index.js';
import type { Logger } from '../platform/logger.js';
import { DECISION_WEBHOOK_WORKFLOW, decisionWebhookWorkflowId, type DecisionWebhookInput } from '../workflows/assignment-messages.js';
import type { ActivityDeps } from './deps.js';

export const SIGNATURE_HEADER = 'x-leadflow-signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (verify both, reject old timestamps). */
export function signPayload(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export class DecisionWebhookStarter {
  private readonly urls = new Map<number, boolean>();

  constructor(
    private readonly orm: MikroORM,
    private readonly temporal: Client,
    private readonly logger: Logger,
    private readonly fallbackTaskQueue?: string,
  ) {}

  /** Starts delivery of this decision when its routing version has a webhook; never throws. */
  async announce(decisionId: string, routingVersion: number): Promise<void> {
    try {
      if (!(await this.hasWebhook(routingVersion))) return;
      const taskQueue = currentTaskQueue() ?? this.fallbackTaskQueue;
      if (!taskQueue) {
        this.logger.warn({ decisionId }, 'decision webhook not started: no task queue');
        return;
      }
      const input: DecisionWebhookInput = { decisionId };
      await this.temporal.workflow.start(DECISION_WEBHOOK_WORKFLOW, { taskQueue, workflowId: decisionWebhookWorkflowId(decisionId), args: [input] });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      this.logger.warn({ err, decisionId }, 'decision webhook not started');
    }
  }

  private async hasWebhook(version: number): Promise<boolean> {
    let known = this.urls.get(version);
    if (known === undefined) {
      const [row] = await rows(this.orm.em.fork(), 'select webhook_url from routing_config_version where version = ?', [version]);
      known = typeof row?.webhook_url === 'string';
      this.urls.set(version, known);
    }
    return known;
  }
}

function currentTaskQueue(): string | undefined {
  try {
    return activityInfo().taskQueue;
  } catch {
    return undefined;
  }
}

export function decisionWebhookActivities({ orm }: ActivityDeps) {
  return {
    /** POSTs one decision to its webhook; throws (retried) on network errors and 5xx/408/429. */
    async deliverDecisionWebhook(input: DecisionWebhookInput): Promise<{ status: number }> {
      const [row] = await rows(
        orm.em.fork(),
        `select d.id, d.lead_id, d.event_key, d.outcome, d.winner_rep_id, d.queue_id, d.summary, d.decision, d.created_at,
                v.webhook_url, v.webhook_secret
           from assignment_decision d join routing_config_version v on v.version = d.routing_version where d.id = ?`,
        [input.decisionId],
      );
      if (!row?.webhook_url) return { status: 0 };
      const body = JSON.stringify({
        type: 'assignment.decision',
        decisionId: row.id,
        leadId: row.lead_id,
        eventKey: row.event_key,
        outcome: row.outcome,
        repId: row.winner_rep_id ?? null,
        queueId: row.queue_id ?? null,
        summary: row.summary,
        decision: expandDecision(row.decision as Decision),
      });
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-leadflow-event': 'assignment.decision', 'x-leadflow-delivery': String(row.id) };
      if (typeof row.webhook_secret === 'string') headers[SIGNATURE_HEADER] = signPayload(row.webhook_secret, body, Math.floor(Date.now() / 1000));
      const res = await fetch(String(row.webhook_url), { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
      await res.body?.cancel();
      if (res.ok) return { status: res.status };
      const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
      throw ApplicationFailure.create({ message: `webhook answered ${res.status}`, type: 'WebhookRejected', nonRetryable: !retryable });
    },
  };
}
