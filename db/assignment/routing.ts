// The active routing configuration (or the built-in default: every lead to the hopper, so no lead
// is ever left with nowhere to go), plus the rule sets and account data it needs.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RoutingConfig, RoutingConfigInput } from '../../rules/assignment/index.js';
import { routingConfigSchema } from '../../rules/assignment/index.js';
import { rows, type Row } from './sql.js';

export interface DecisionWebhook {
  url: string;
  secret: string | null;
}

export interface ActiveRouting {
  config: RoutingConfig;
  /** 0 = nothing configured (the built-in default). */
  version: number;
  webhook: DecisionWebhook | null;
}

export const DEFAULT_ROUTING: RoutingConfig = {
  id: 'default',
  name: 'No routing configured: every lead goes to the hopper',
  version: 0,
  steps: [],
  fallback: { kind: 'hopper' },
};

export function parseStoredRouting(row: Row): ActiveRouting {
  const version = Number(row.version);
  const config = routingConfigSchema.parse({ ...(row.definition as RoutingConfigInput), version });
  const url = row.webhook_url as string | null;
  return { config, version, webhook: url ? { url, secret: (row.webhook_secret as string | null) ?? null } : null };
}

export async function loadActiveRouting(em: EntityManager): Promise<ActiveRouting> {
  const [row] = await rows(em, 'select version, definition, webhook_url, webhook_secret from routing_config_version where active');
  return row ? parseStoredRouting(row) : { config: DEFAULT_ROUTING, version: 0, webhook: null };
}

/** Rule set ids a routing configuration refers to (gates, candidate rules, rule matches, territory filters). */
export function ruleSetIdsOf(config: Pick<RoutingConfig, 'steps'>): string[] {
  const ids = new Set<string>();
  for (const s of config.steps) {
    if (s.when) ids.add(s.when.ruleSetId);
    if (s.candidateRule) ids.add(s.candidateRule.ruleSetId);
    if (s.match.kind === 'rule') ids.add(s.match.ruleSetId);
    if (s.match.kind === 'territory' && s.match.ruleFilter) ids.add(s.match.ruleFilter.ruleSetId);
  }
  return [...ids].sort();
}

export const usesAccounts = (config: Pick<RoutingConfig, 'steps'>): boolean => config.steps.some((s) => s.match.kind === 'account');
