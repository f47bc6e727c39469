// Webhook delivery of notifications: a signed JSON POST. Failures throw so Temporal retries with
// backoff; a 4xx other than 408/429 is final (the receiver rejected the payload).
import { createHmac } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';

export interface WebhookTarget {
  url: string;
  secret: string;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (verify with the same secret). */
export function signPayload(secret: string, body: string, timestamp: number): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

export async function deliverWebhook(target: WebhookTarget, event: { id: string; kind: string }, payload: unknown): Promise<void> {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(Date.now() / 1000);
  let res: Response;
  try {
    res = await fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'leadflow-webhook/1',
        'x-leadflow-event': event.kind,
        'x-leadflow-delivery': event.id,
        'x-leadflow-signature': signPayload(target.secret, body, timestamp),
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    throw new Error(`webhook ${target.url} unreachable: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  await res.body?.cancel();
  if (res.ok) return;
  const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
  if (!retryable) {
    throw ApplicationFailure.create({ type: 'WebhookRejected', message: `webhook ${target.url} answered ${res.status}`, nonRetryable: true });
  }
  throw new Error(`webhook ${target.url} answered ${res.status}`);
}
