// A sales rep (assignment candidate): who they are, what they cover, when they work, and the
// mutable routing state that assignment decisions lock and update (open leads, round-robin order,
// ramp after leave). Mirrors `repSchema` in rules/assignment/model/rep.ts.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { OutOfOffice, RampLoad, WorkingHours } from '../../rules/assignment/index.js';

export const Rep = defineEntity({
  name: 'Rep',
  tableName: 'rep',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(200),
    email: p.string().length(254).unique('rep_email_unique'),
    active: p.boolean().default(true),
    /** The rep's own toggle (away / back); unavailable reps get no new leads. */
    available: p.boolean().default(true),
    availableChangedAt: p.datetime().nullable(),
    managerId: p.uuid().nullable(),
    skills: p.json<string[]>().default('[]'),
    products: p.json<string[]>().default('[]'),
    languages: p.json<string[]>().default('[]'),
    geography: p.json<{ countries: string[]; regions: string[] }>().default('{"countries":[],"regions":[]}'),
    customerFocus: p.json<{ types: string[]; sizes: string[] }>().default('{"types":[],"sizes":[]}'),
    capacity: p.integer().nullable(),
    weight: p.double().default(1),
    performanceScore: p.double().default(0),
    workingHours: p.json<WorkingHours>().nullable(),
    outOfOffice: p.json<OutOfOffice[]>().default('[]'),
    // Routing state: changed only under a row lock by the assignment activities.
    openLeadCount: p.integer().default(0).check('open_lead_count >= 0'),
    lastAssignedAt: p.datetime().nullable(),
    lastAssignedSeq: p.bigint('number').default(0),
    rampLoad: p.json<RampLoad>().nullable(),
    returnedFromLeaveAt: p.datetime().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
  indexes: [{ name: 'rep_manager_idx', properties: ['managerId'] }],
});
export type IRep = InferEntity<typeof Rep>;
