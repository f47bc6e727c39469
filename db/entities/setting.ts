// Admin-configurable settings, one JSON document per key, validated by zod where they are used.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const Setting = defineEntity({
  name: 'Setting',
  tableName: 'setting',
  properties: {
    key: p.string().length(60).primary(),
    value: p.json<Record<string, unknown>>(),
    updatedBy: p.string().length(200),
    /** Bumped by every write: `If-Match` / `expectedRevision` make concurrent edits fail instead of overwriting. */
    revision: p.integer().default(0),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
});
export type ISetting = InferEntity<typeof Setting>;
