// Lifecycle notifications through a real receiver: with a webhook configured (NOTIFY_WEBHOOK_URL /
// NOTIFY_WEBHOOK_SECRET), an offer is POSTed signed to the receiver, a failing receiver is retried
// with the same delivery id, a rejection that ends in the hopper notifies again, and a receiver
// that is down never holds up the lead.
import { startHarness, type Harness } from '../support/harness.js';
import { capture, offered, salesSetup, visionLead, waitForLead, type SalesSetup } from '../support/lifecycle.js';
import { signatureValid, startReceiver, type Delivery, type Receiver } from '../support/webhook-receiver.js';

const SECRET = 'lifecycle-webhook-secret-0123456789';
/** Notification kinds the receiver answers 503 the first time it sees one. */
const failOnce = new Set<string>();
const failed = new Set<string>();

let h: Harness;
let receiver: Receiver;
let team: SalesSetup;
beforeAll(async () => {
  receiver = await startReceiver((headers) => {
    const kind = String(headers['x-leadflow-event']);
    if (!failOnce.has(kind) || failed.has(kind)) return 204;
    failed.add(kind);
    return 503;
  });
  h = await startHarness({ activityDeps: { webhook: { url: receiver.url, secret: SECRET } } });
  team = await salesSetup(h, 1, { maxOfferAttempts: 1 });
});
afterAll(async () => {
  await h?.close();
  await receiver.close();
});

async function deliveries(leadId: string, kind: string, status: number, timeoutMs = 30_000): Promise<Delivery[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = receiver.received.filter((d) => d.headers['x-leadflow-event'] === kind && JSON.parse(d.body).leadId === leadId);
    if (found.some((d) => d.status === status) || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const verified = (d: Delivery): boolean => signatureValid(SECRET, d);

it('offers are POSTed signed to the receiver; a failing receiver gets the same delivery again; the hopper is notified after the last rejection', async () => {
  failOnce.add('offer');
  const id = await capture(h, visionLead('A'));
  const lead = await waitForLead(h, id, offered, 'an offer');
  const rep = team.reps[0]!;
  expect(lead.offeredToId).toBe(rep);

  const offers = await deliveries(id, 'offer', 204);
  expect(offers.map((d) => d.status)).toEqual([503, 204]); // retried by Temporal after the 503
  expect(new Set(offers.map((d) => d.headers['x-leadflow-delivery'])).size).toBe(1); // one delivery id: receivers can drop repeats
  expect(offers.every(verified)).toBe(true);
  expect(offers[1]!.headers['content-type']).toBe('application/json');
  expect(JSON.parse(offers[1]!.body)).toMatchObject({
    id: offers[1]!.headers['x-leadflow-delivery'], kind: 'offer', leadId: id, repIds: [rep],
    data: { attempt: 1, offerDeadline: expect.any(String) },
  });
  // a signature made with another secret does not verify
  expect(verified({ ...offers[1]!, body: offers[1]!.body.replace(id, '00000000-0000-4000-8000-000000000000') })).toBe(false);

  const rejected = await h.api('post', `/leads/${id}/reject`, { reason: 'Incorrect data' }, { role: 'rep', repId: rep });
  expect(rejected.status).toBe(200);
  const hopper = await deliveries(id, 'hopper', 204);
  expect(hopper).toHaveLength(1);
  expect(verified(hopper[0]!)).toBe(true);
  expect(JSON.parse(hopper[0]!.body)).toMatchObject({ kind: 'hopper', leadId: id, repIds: [], notifyManagersOf: [rep] });
});

it('a receiver that is down never holds up the lead: the offer is made and accepted while deliveries retry', async () => {
  const down = await startReceiver(() => 503);
  const other = await startHarness({ activityDeps: { webhook: { url: down.url, secret: SECRET } } });
  try {
    const setup = await salesSetup(other, 1);
    const id = await capture(other, visionLead('A'));
    const lead = await waitForLead(other, id, offered, 'an offer', 10_000);
    const accepted = await other.api('post', `/leads/${id}/accept`, {}, { role: 'rep', repId: setup.reps[0]! });
    expect(accepted).toMatchObject({ status: 200, body: { ownerId: setup.reps[0], assignmentStatus: 'Assigned' } });
    expect(lead.offeredToId).toBe(setup.reps[0]);
  } finally {
    await other.close();
    await down.close();
  }
});
