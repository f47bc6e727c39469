// Lead IDs. A capture with a source system and Original System Reference always maps to the
// same ID (so the same lead and the same workflow), however often or concurrently it arrives.
import { createHash } from 'node:crypto';

/** A name-based UUID (version 8) for (source, Original System Reference). Deterministic. */
export function leadIdForReference(source: string, origSystemReference: string): string {
  const digest = createHash('sha256').update(`leadflow/lead/${source}\u0000${origSystemReference}`).digest();
  digest[6] = (digest[6]! & 0x0f) | 0x80; // version 8 (name-based, custom hash)
  digest[8] = (digest[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
