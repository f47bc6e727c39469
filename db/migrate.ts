// `npm run migrate`: applies pending migrations to DATABASE_URL.
import { loadConfig } from '../platform/config.js';
import { migrate, openOrm } from './orm.js';

const config = loadConfig();
if (!config.DATABASE_URL) {
  console.error('DATABASE_URL: required for npm run migrate');
  process.exit(1);
}
const orm = await openOrm({ url: config.DATABASE_URL, poolMax: 2 });
try {
  const applied = await migrate(orm);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Schema up to date.');
} finally {
  await orm.close();
}
