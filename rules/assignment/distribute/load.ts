// Free capacity as load balancing and the capacity filter see it (load floor included).
import { toMs } from '../model/common.js';
import type { Rep } from '../model/rep.js';

/** Open leads counted for this rep now: the actual count, raised to an active load floor. */
export function effectiveOpenLeads(rep: Rep, now: number): number {
  const floor = rep.loadFloor;
  if (!floor || (floor.until !== null && toMs(floor.until) <= now)) return rep.openLeadCount;
  return Math.max(rep.openLeadCount, floor.openLeads);
}

/** Load-balancing free capacity: capacity - effective open; Infinity when capacity is unlimited; may be negative (Dynamics shows -2). */
export function freeCapacity(rep: Rep, now: number): number {
  return rep.capacity === null ? Number.POSITIVE_INFINITY : rep.capacity - effectiveOpenLeads(rep, now);
}
