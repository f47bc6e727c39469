// Signals from a processing run to lead workflows, sent after the page committed, with bounded
// concurrency. Each carries a request id derived from (run, lead, kind): Temporal ignores a signal
// whose request id the workflow already received, so a page whose signals are sent again after a
// crash does not signal any lead twice. A lead without a running workflow (closed, or stored
// without one) is counted as missed.
import { createHash } from 'node:crypto';
import { isGrpcServiceError, type Client } from '@temporalio/client';
import { encodeToPayloads } from '@temporalio/common/lib/internal-non-workflow/index.js';
import { leadWorkflowId, processingSignal, type ProcessingSignal } from '../../workflows/messages.js';
import type { SignalRequest } from './types.js';

export interface SignalStats { sent: number; missed: number }
export interface SignalMeta { runId: string; processingActivityId: string }
export type SignalSender = (requests: readonly SignalRequest[], meta: SignalMeta, progress?: () => void) => Promise<SignalStats>;

const GRPC_NOT_FOUND = 5;

/** A UUID-shaped id that is the same for the same (run, lead, kind). */
export function signalRequestId(runId: string, leadId: string, kind: string): string {
  const h = createHash('sha256').update(`${runId}/${leadId}/${kind}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function temporalSignalSender(client: Client, concurrency = 16): SignalSender {
  return async (requests, meta, progress) => {
    const stats: SignalStats = { sent: 0, missed: 0 };
    let next = 0;
    const one = async (r: SignalRequest): Promise<void> => {
      const payload: ProcessingSignal = { kind: r.kind, runId: meta.runId, processingActivityId: meta.processingActivityId, ...(r.derived ? { derived: r.derived } : {}) };
      try {
        await client.workflowService.signalWorkflowExecution({
          namespace: client.options.namespace,
          workflowExecution: { workflowId: leadWorkflowId(r.leadId) },
          signalName: processingSignal.name,
          input: { payloads: await encodeToPayloads(client.options.loadedDataConverter, payload) },
          identity: client.options.identity,
          requestId: signalRequestId(meta.runId, r.leadId, r.kind),
        });
        stats.sent++;
      } catch (err) {
        if (isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND) stats.missed++;
        else throw err;
      }
    };
    const lanes = Array.from({ length: Math.min(concurrency, requests.length) }, async () => {
      while (next < requests.length) {
        await one(requests[next++]!);
        if ((stats.sent + stats.missed) % 100 === 0) progress?.();
      }
    });
    await Promise.all(lanes);
    return stats;
  };
}
