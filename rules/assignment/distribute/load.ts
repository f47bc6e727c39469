// Free capacity as load balancing and the capacity filter see it (load floor included).
import type { RampLoad, Rep } from '../model/rep.js';

/** Open leads load balancing counts for this rep: actual plus any ramp load after leave. */
export function effectiveOpenLeads(rep: Rep): number {
  return rep.openLeadCount + (rep.rampLoad?.extraOpenLeads ?? 0);
}

/** The ramp after one more lead for this rep (null once worked off). */
export function rampAfterLead(ramp: RampLoad | null): RampLoad | null {
  if (!ramp) return null;
  const extra = ramp.extraOpenLeads - ramp.reliefPerLead;
  return extra > 1e-9 ? { ...ramp, extraOpenLeads: extra } : null;
}

/** Load-balancing free capacity: capacity - effective open; Infinity when capacity is unlimited; may be negative (Dynamics shows -2). */
export function freeCapacity(rep: Rep): number {
  return rep.capacity === null ? Number.POSITIVE_INFINITY : rep.capacity - effectiveOpenLeads(rep);
}
