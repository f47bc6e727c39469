// The Dynamics 365 worked examples (round robin, load balancing, seller capacity), reproduced.
import { applyStateChanges, decideAssignment, releasedChange, simulateAssignments } from '../../../rules/assignment/index.js';
import type { Rep } from '../../../rules/assignment/index.js';
import { at, lead, pool, rep, routing } from './fixtures.js';

const assignedTo = (d: ReturnType<typeof decideAssignment>) => (d.outcome.kind === 'assigned' ? d.outcome.repId : d.outcome.kind);

describe('round robin (Dynamics scenario)', () => {
  const reps = [
    rep({ id: 'Miriam', lastAssignedAt: at('10:02') }),
    rep({ id: 'Sanjay', lastAssignedAt: at('10:31') }),
    rep({ id: 'Susana', lastAssignedAt: at('11:17') }),
  ];

  it('gives the lead to who waited longest, then to the next in line among those who match', () => {
    const all = routing({ steps: [{ id: 'rr', match: pool('Miriam', 'Sanjay', 'Susana') }] });
    const first = decideAssignment({ lead: lead('L1'), routing: all, reps, now: at('13:33') });
    expect(assignedTo(first)).toBe('Miriam');
    expect(first.stateChanges[0]).toMatchObject({ kind: 'rep_assigned', repId: 'Miriam', lastAssignedAt: { from: at('10:02'), to: at('13:33') }, openLeadCount: { from: 0, to: 1 } });
    const after = applyStateChanges({ reps, pools: [] }, first.stateChanges).reps;

    const twoOnly = routing({ steps: [{ id: 'rr', match: pool('Miriam', 'Sanjay') }] });
    const second = decideAssignment({ lead: lead('L2'), routing: twoOnly, reps: after, now: at('13:50') });
    expect(assignedTo(second)).toBe('Sanjay');
    expect(second.steps[0]?.distribution?.ranking.map((r) => r.repId)).toEqual(['Sanjay', 'Miriam']);
  });
});

describe('load balancing (Dynamics worked example)', () => {
  // Available capacity 10 / 12 / 15 expressed as capacity 20 minus open leads.
  const start = [
    rep({ id: 'Miriam', capacity: 20, openLeadCount: 10, lastAssignedAt: at('10:02') }),
    rep({ id: 'Sanjay', capacity: 20, openLeadCount: 8, lastAssignedAt: at('10:31') }),
    rep({ id: 'Susana', capacity: 20, openLeadCount: 5, lastAssignedAt: at('11:17') }),
  ];
  const lb = routing({ steps: [{ id: 'lb', match: pool('Miriam', 'Sanjay', 'Susana'), distribution: { strategy: 'load_balancing' } }] });
  const free = (reps: Rep[]) => Object.fromEntries(reps.map((r) => [r.id, (r.capacity ?? 0) - r.openLeadCount]));

  it('follows the example lead by lead, ties by round robin, and reacts to closed leads', () => {
    const sim = (reps: Rep[], n: number, from: number) =>
      simulateAssignments({ routing: lb, reps, leads: Array.from({ length: n }, (_, i) => ({ lead: lead(`L${from + i}`), now: at(`14:0${from + i}`) })) });

    const one = sim(start, 1, 1);
    expect(one.decisions.map(assignedTo)).toEqual(['Susana']);
    expect(free(one.reps)).toEqual({ Miriam: 10, Sanjay: 12, Susana: 14 });

    const three = sim(one.reps, 2, 2);
    expect(three.decisions.map(assignedTo)).toEqual(['Susana', 'Susana']);
    expect(free(three.reps)).toEqual({ Miriam: 10, Sanjay: 12, Susana: 12 });

    const four = sim(three.reps, 1, 4);
    expect(four.decisions.map(assignedTo)).toEqual(['Sanjay']);
    expect(four.decisions[0]?.steps[0]?.distribution?.ranking.slice(0, 2)).toEqual([
      expect.objectContaining({ repId: 'Sanjay', keys: expect.objectContaining({ freeCapacity: 12 }) }),
      expect.objectContaining({ repId: 'Susana', keys: expect.objectContaining({ freeCapacity: 12 }) }),
    ]);
    expect(free(four.reps)).toEqual({ Miriam: 10, Sanjay: 11, Susana: 12 });

    // Miriam closes three leads.
    let reps = four.reps;
    for (let i = 0; i < 3; i++) {
      const miriam = reps.find((r) => r.id === 'Miriam');
      if (!miriam) throw new Error('fixture');
      reps = applyStateChanges({ reps, pools: [] }, [releasedChange(miriam)]).reps;
    }
    expect(free(reps)).toEqual({ Miriam: 13, Sanjay: 11, Susana: 12 });
    expect(sim(reps, 1, 5).decisions.map(assignedTo)).toEqual(['Miriam']);
  });
});

describe('seller capacity (Dynamics "consider seller workload")', () => {
  const reps = [
    rep({ id: 'Sanjay', capacity: 10, openLeadCount: 10, lastAssignedAt: at('14:37') }),
    rep({ id: 'Susana', capacity: 10, openLeadCount: 6, lastAssignedAt: at('14:57') }),
    rep({ id: 'David', capacity: 10, openLeadCount: 9, lastAssignedAt: at('15:02') }),
    rep({ id: 'Miriam', capacity: 10, openLeadCount: 12, lastAssignedAt: at('14:35') }),
  ];
  const rr = (capacity: boolean) => routing({ steps: [{ id: 'rr', match: pool('Sanjay', 'Susana', 'David', 'Miriam'), filters: { capacity } }] });

  it('skips Miriam (-2) and Sanjay (0) and gives the lead to Susana', () => {
    const d = decideAssignment({ lead: lead('L1'), routing: rr(true), reps, now: at('15:10') });
    expect(assignedTo(d)).toBe('Susana');
    expect(d.steps[0]?.exclusions).toEqual([
      expect.objectContaining({ repId: 'Sanjay', code: 'at_capacity', detail: expect.objectContaining({ openLeads: 10, capacity: 10 }) }),
      expect.objectContaining({ repId: 'Miriam', code: 'at_capacity', detail: expect.objectContaining({ openLeads: 12, capacity: 10 }) }),
    ]);
  });

  it('without the capacity option, round robin alone picks Miriam', () => {
    expect(assignedTo(decideAssignment({ lead: lead('L1'), routing: rr(false), reps, now: at('15:10') }))).toBe('Miriam');
  });

  it('queues the lead (never drops it) when nobody has room', () => {
    const full = reps.map((r) => ({ ...r, openLeadCount: 10 }));
    const d = decideAssignment({ lead: lead('L1'), routing: rr(true), reps: full, now: at('15:10') });
    expect(d.outcome).toEqual({ kind: 'queued', stepId: 'rr', reason: 'at_capacity', candidateRepIds: ['Sanjay', 'Susana', 'David', 'Miriam'], retryAt: null });
    expect(d.stateChanges).toEqual([]);
    expect(d.steps[0]?.status).toBe('queued');
  });
});
