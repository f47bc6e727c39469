// Registers leadflow's custom search attributes on a Temporal server that lacks them
// (external servers, the time-skipping test server). The dev server gets them as flags.
import proto from '@temporalio/proto';
import type { Connection } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { SEARCH_ATTRIBUTE_TYPES } from '../workflows/search-attributes.js';

const { temporal } = proto;
const GRPC_UNIMPLEMENTED = 12;
const IndexedValueType = temporal.api.enums.v1.IndexedValueType;
const TYPES: Record<string, proto.temporal.api.enums.v1.IndexedValueType> = {
  Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Int: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  Text: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  Double: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  Bool: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

/** Adds the missing ones; returns the names added. Idempotent. */
export async function ensureSearchAttributes(connection: Connection | NativeConnection, namespace: string): Promise<string[]> {
  const known = new Set<string>();
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    for (const name of [...Object.keys(existing.customAttributes ?? {}), ...Object.keys(existing.systemAttributes ?? {})]) known.add(name);
  } catch (err) {
    // The time-skipping test server cannot list them, but can add them.
    if ((err as { code?: number }).code !== GRPC_UNIMPLEMENTED) throw err;
  }
  const missing = Object.entries(SEARCH_ATTRIBUTE_TYPES).filter(([name]) => !known.has(name));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, TYPES[type]!])),
  });
  return missing.map(([name]) => name);
}
