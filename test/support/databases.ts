// Per-test-file databases cloned from the migrated template (fast, isolated).
import pg from 'pg';
import type { RunState } from './run-state.js';

/** Creates `dbName` from the template; returns its URL. */
export async function cloneTemplateDatabase(state: RunState, dbName: string): Promise<string> {
  const client = new pg.Client({ connectionString: state.pgAdminUrl });
  await client.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`create database "${dbName}" template "${state.pgTemplateDb}"`);
        return state.pgAdminUrl.replace(/\/postgres$/, `/${dbName}`);
      } catch (err) {
        // Another test file may be cloning the template at this instant.
        if (attempt > 20 || !String(err).includes('being accessed by other users')) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(state: RunState, dbName: string): Promise<void> {
  const client = new pg.Client({ connectionString: state.pgAdminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${dbName}" with (force)`);
  } finally {
    await client.end();
  }
}
