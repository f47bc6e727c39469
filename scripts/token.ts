// `npm run token`: credentials for local use.
//   npm run token -- --role rep --sub ada --rep-id <uuid> [--name "Ada"] [--ttl 12h]
//       prints a bearer JWT signed with LEADFLOW_AUTH_SECRET, else the dev secret of `npm start`
//       (<LEADFLOW_DATA_DIR>/auth-secret)
//   npm run token -- --api-key --role integration --source web_form [--name "Website form"]
//       creates an API key in the database at DATABASE_URL, else in the one `npm start` is
//       running, and prints it (it is shown only once)
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApiKey } from '../api/auth/api-keys.js';
import { ROLES, type Role } from '../api/auth/principal.js';
import { issueToken } from '../api/auth/tokens.js';
import { openOrm } from '../db/orm.js';
import { LEAD_SOURCES } from '../rules/lookups.js';
import { loadConfig } from '../platform/config.js';
import { readRunningInfo } from '../platform/running-info.js';

const USAGE = `usage: npm run token -- [--role ${ROLES.join('|')}] [--sub ID] [--rep-id UUID] [--name NAME] [--ttl 12h]
       npm run token -- --api-key [--role integration] [--source ${LEAD_SOURCES.join('|')}] [--name NAME]`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      'rep-id': { type: 'string' },
      name: { type: 'string' },
      ttl: { type: 'string', default: '12h' },
      'api-key': { type: 'boolean', default: false },
      source: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  const role = (values.role ?? (values['api-key'] ? 'integration' : 'admin')) as Role;
  if (!ROLES.includes(role)) fail(`--role must be one of ${ROLES.join(', ')}`);
  const dataDir = path.resolve(config.LEADFLOW_DATA_DIR);

  if (values['api-key']) {
    if (values.source && !(LEAD_SOURCES as readonly string[]).includes(values.source)) fail(`--source must be one of ${LEAD_SOURCES.join(', ')}`);
    const url = config.DATABASE_URL ?? readRunningInfo(dataDir)?.databaseUrl;
    if (!url) fail(`no database: set DATABASE_URL, or start leadflow with npm start (no ${path.join(dataDir, 'running.json')})`);
    const orm = await openOrm({ url, poolMax: 1 });
    try {
      const { row, key } = await createApiKey(orm, {
        name: values.name ?? `${role} key (npm run token)`,
        role,
        source: values.source ?? null,
        createdBy: 'cli:npm-run-token',
      });
      console.error(`API key ${row.id} (${role}${row.source ? `, source ${row.source}` : ''}); send it as the X-API-Key header. It is shown only now:`);
      console.log(key);
    } finally {
      await orm.close();
    }
    return;
  }

  if (values.source) fail('--source applies to --api-key only');
  const repId = values['rep-id'];
  if (repId && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(repId)) fail('--rep-id must be a UUID');
  const secretFile = path.join(dataDir, 'auth-secret');
  const secret = config.LEADFLOW_AUTH_SECRET ?? (fs.existsSync(secretFile) ? fs.readFileSync(secretFile, 'utf8').trim() : undefined);
  if (!secret) fail(`no signing secret: set LEADFLOW_AUTH_SECRET, or run npm start once (it creates ${secretFile})`);
  const token = await issueToken(secret, {
    sub: values.sub ?? (repId ? repId : `local-${role}`),
    role,
    ...(values.name ? { name: values.name } : {}),
    ...(repId ? { repId } : {}),
  }, values.ttl, { issuer: config.LEADFLOW_JWT_ISSUER, audience: config.LEADFLOW_JWT_AUDIENCE });
  console.log(token);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
