// Rep-attribute matching (routing by language, product specialization, location, customer type,
// size, skills): a lead value must be in the rep's list ('*' = any). A criterion the lead has no
// value for does not constrain.
import { listHas } from '../model/common.js';
import type { AssignmentLead } from '../model/lead.js';
import type { Rep } from '../model/rep.js';
import type { RepCriterion } from '../routing-config.js';

export function repMismatch(lead: AssignmentLead, rep: Rep, require: readonly RepCriterion[], skills: readonly string[]): string | undefined {
  const a = lead.attributes;
  for (const c of require) {
    if (c === 'language' && a.language && !listHas(rep.languages, a.language)) return `does not speak ${a.language}`;
    if (c === 'product') {
      const wanted = [a.product, a.productCategory].filter((v): v is string => v !== undefined);
      if (wanted.length > 0 && !wanted.some((p) => listHas(rep.products, p))) return `does not cover product ${wanted.join('/')}`;
    }
    if (c === 'geography' && a.country) {
      if (!listHas(rep.geography.countries, a.country)) return `does not cover country ${a.country}`;
      if (a.region && rep.geography.regions.length > 0 && !listHas(rep.geography.regions, a.region)) return `does not cover region ${a.region}`;
    }
    if (c === 'customerType') {
      const type = lead.accountId ? 'existing' : 'new';
      if (!listHas(rep.customerFocus.types, type)) return `does not focus on ${type} customers`;
    }
    if (c === 'customerSize' && a.customerSize && !listHas(rep.customerFocus.sizes, a.customerSize)) return `does not focus on ${a.customerSize} customers`;
  }
  const missing = skills.filter((s) => !listHas(rep.skills, s));
  return missing.length > 0 ? `lacks skill ${missing.join(', ')}` : undefined;
}
