// Sales territories: typed, hierarchical (parent), owned, with dimensions and free attributes
// that leads are matched against, and members. Only FINALIZED territories match.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { TerritoryDimensions } from '../../rules/assignment/index.js';

export const Territory = defineEntity({
  name: 'Territory',
  tableName: 'territory',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(200),
    type: p.string().length(100),
    status: p.string().length(20).default('FINALIZED'),
    parentId: p.uuid().nullable(),
    ownerRepId: p.uuid().nullable(),
    dimensions: p.json<TerritoryDimensions>().default('{}'),
    attributes: p.json<Record<string, string | number | boolean | null>>().default('{}'),
    createdAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
  indexes: [{ name: 'territory_parent_idx', properties: ['parentId'] }],
});
export type ITerritory = InferEntity<typeof Territory>;

export const TerritoryMember = defineEntity({
  name: 'TerritoryMember',
  tableName: 'territory_member',
  properties: {
    territoryId: p.uuid().primary(),
    repId: p.uuid().primary(),
  },
  indexes: [{ name: 'territory_member_rep_idx', properties: ['repId'] }],
});
export type ITerritoryMember = InferEntity<typeof TerritoryMember>;
