import { z } from 'zod';
import { LEAD_SOURCES } from '../../rules/lookups.js';
import { ROLES } from '../auth/principal.js';
import { isoDateTime } from './common.js';

export const createApiKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(100).describe('What the key is for, e.g. "Website contact form"'),
  role: z.enum(ROLES).default('integration').describe('Role of the key; integrations may only capture leads'),
  source: z.enum(LEAD_SOURCES).optional().describe('Only leads of this source may be captured with the key'),
});

export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.enum(ROLES),
  source: z.string().nullable(),
  /** The public part of the key (`lf_<prefix>_...`), to recognise it. */
  prefix: z.string(),
  createdBy: z.string(),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
});

export const createdApiKeySchema = apiKeySchema.extend({
  key: z.string().describe('The key itself: shown only now, store it safely. Send it as the X-API-Key header.'),
});
