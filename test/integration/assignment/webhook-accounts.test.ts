// The custom-logic hook: every decision is POSTed, HMAC-signed, to the webhook of the routing
// version that made it, retried with backoff by its own workflow, never blocking the assignment.
// And account/contact find-or-create for de-duplication at capture: race-safe on normalized keys.
import { createHmac, randomUUID } from 'node:crypto';
import { startHarness, type Harness } from '../../support/harness.js';
import { activitiesFor, apiRep, apiRouting, apiTeam, assignInput, insertLeads } from '../../support/assignment.js';
import { startReceiver, type Receiver } from '../../support/webhook-receiver.js';
import { findOrCreateAccount, findOrCreateContact } from '../../../activities/accounts.js';
import { decisionWebhookWorkflowId } from '../../../workflows/assignment-messages.js';

let h: Harness;
let receiver: Receiver;
let received: Receiver['received'];
let failFirst = true;
beforeAll(async () => {
  h = await startHarness();
  receiver = await startReceiver(() => {
    const status = failFirst ? 503 : 204;
    failFirst = false;
    return status;
  });
  received = receiver.received;
});
afterAll(async () => {
  await receiver.close();
  await h?.close();
});

async function waitFor(fn: () => boolean, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!fn() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
}

describe('decision webhook', () => {
  it('delivers every decision signed, retries a failing receiver, and starts once per decision', async () => {
    const secret = 'test-webhook-secret-0123456789';
    const rep = await apiRep(h);
    const team = await apiTeam(h, { memberRepIds: [rep.id] });
    await apiRouting(h, [{ id: 'one', match: { kind: 'team', teamId: team.id } }], { webhook: { url: receiver.url, secret } });
    const acts = activitiesFor(h);
    const [leadId] = await insertLeads(h, 1);
    const input = assignInput(leadId!);
    const result = await acts.assignLead(input);
    expect(result.outcome).toBe('offered');
    expect(await acts.assignLead(input)).toEqual(result); // retried activity: no second delivery workflow
    await waitFor(() => received.some((r) => r.status === 204));
    expect(received.map((r) => r.status)).toEqual([503, 204]);
    const { headers, body } = received[1]!;
    const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(headers['x-leadflow-signature']));
    expect(m).not.toBeNull();
    expect(createHmac('sha256', secret).update(`${m![1]}.${body}`).digest('hex')).toBe(m![2]);
    expect(JSON.parse(body)).toMatchObject({ type: 'assignment.decision', decisionId: result.decisionId, leadId, outcome: 'offered', repId: rep.id, decision: { steps: [expect.objectContaining({ stepId: 'one' })] } });
    expect(await h.temporal.workflow.getHandle(decisionWebhookWorkflowId(result.decisionId)).result()).toEqual({ status: 204 });
  });

  it('never blocks or fails an assignment when the receiver is down', async () => {
    const rep = await apiRep(h);
    const team = await apiTeam(h, { memberRepIds: [rep.id] });
    await apiRouting(h, [{ id: 'one', match: { kind: 'team', teamId: team.id } }], { webhook: { url: 'http://127.0.0.1:9/nobody-listens', secret: 'x'.repeat(20) } });
    const acts = activitiesFor(h);
    const started = Date.now();
    const results = await Promise.all((await insertLeads(h, 5)).map((l) => acts.assignLead(assignInput(l))));
    expect(results.every((r) => r.outcome === 'offered')).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
    const handle = h.temporal.workflow.getHandle(decisionWebhookWorkflowId(results[0]!.decisionId));
    await waitFor(() => false, 1_500);
    expect((await handle.describe()).status.name).toBe('RUNNING'); // still retrying with backoff
    await handle.terminate('test done');
  });
});

describe('account and contact find-or-create', () => {
  it('agrees under concurrency: one account per company (by domain, then normalized name), one contact per e-mail', async () => {
    const suffix = randomUUID().slice(0, 8);
    const callers = Array.from({ length: 16 }, (_, i) => h.orm.em.fork().transactional((em) =>
      findOrCreateAccount(em, { name: i % 2 ? `Initech ${suffix}, Inc.` : `INITECH ${suffix}`, email: `person${i}@initech-${suffix}.io` })));
    const accounts = await Promise.all(callers);
    expect(new Set(accounts.map((a) => a.id)).size).toBe(1);
    expect(accounts.filter((a) => a.created)).toHaveLength(1);
    // Matched by domain even under another name; free-mail domains are not company domains.
    const byDomain = await findOrCreateAccount(h.orm.em.fork(), { name: 'Initech Holdings', email: `boss@initech-${suffix}.io` });
    expect(byDomain).toMatchObject({ id: accounts[0]!.id, created: false });
    const gmail = await findOrCreateAccount(h.orm.em.fork(), { name: `Solo ${suffix}`, email: 'solo@gmail.com' });
    expect(gmail.created).toBe(true);
    expect((await h.sql('select email_domain from account where id = $1', [gmail.id]))[0].email_domain).toBeNull();
    // nor are reserved ones: two companies at example.com are two accounts
    const [one, two] = [await findOrCreateAccount(h.orm.em.fork(), { name: `Alpha ${suffix}`, email: 'a@example.com' }), await findOrCreateAccount(h.orm.em.fork(), { name: `Beta ${suffix}`, email: 'b@example.com' })];
    expect(one!.id).not.toBe(two!.id);

    const contacts = await Promise.all(Array.from({ length: 8 }, (_, i) => h.orm.em.fork().transactional((em) =>
      findOrCreateContact(em, { email: i % 2 ? `Peter@Initech-${suffix}.io` : `peter@initech-${suffix}.io`, accountId: accounts[0]!.id }))));
    expect(new Set(contacts.map((c) => c.id)).size).toBe(1);
    expect(contacts.every((c) => c.accountId === accounts[0]!.id)).toBe(true);
  });
});
