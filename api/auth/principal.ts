// Who is calling: a person with a bearer JWT or an integration with an API key.
import type { Actor } from '../../workflows/messages.js';

export const ROLES = ['admin', 'manager', 'rep', 'ops', 'integration'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  kind: 'user' | 'api_key';
  /** JWT subject or API key id. */
  id: string;
  role: Role;
  name?: string;
  /** The rep record this person is (reps and managers). */
  repId?: string;
  /** API keys may be restricted to one capture source. */
  source?: string;
}

export const principalActor = (p: Principal): Actor => ({
  kind: p.kind,
  id: p.id,
  role: p.role,
  ...(p.name ? { name: p.name } : {}),
});
