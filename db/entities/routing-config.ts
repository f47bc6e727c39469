// Routing configuration versions: every PUT stores a new version (an audit trail of who changed
// routing when); exactly one is active. The optional decision webhook (custom-logic hook) lives
// with the version that configures it.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { RoutingConfigInput } from '../../rules/assignment/index.js';

export const RoutingConfigVersion = defineEntity({
  name: 'RoutingConfigVersion',
  tableName: 'routing_config_version',
  properties: {
    version: p.integer().primary().autoincrement(false),
    configId: p.string().length(200),
    definition: p.json<RoutingConfigInput>(),
    active: p.boolean().default(false),
    webhookUrl: p.string().length(2000).nullable(),
    webhookSecret: p.string().length(200).nullable(),
    note: p.string().length(500).nullable(),
    createdBy: p.string().length(200),
    createdAt: p.datetime().defaultRaw('now()'),
  },
  indexes: [
    { name: 'routing_config_one_active', expression: 'create unique index "routing_config_one_active" on "routing_config_version" ("active") where "active"' },
  ],
});
export type IRoutingConfigVersion = InferEntity<typeof RoutingConfigVersion>;

/** One row (id 1): bumped by every configuration write so workers know to reload their cache. */
export const AssignmentSettings = defineEntity({
  name: 'AssignmentSettings',
  tableName: 'assignment_settings',
  properties: {
    id: p.integer().primary().autoincrement(false),
    revision: p.bigint('number').default(0),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
});
export type IAssignmentSettings = InferEntity<typeof AssignmentSettings>;
