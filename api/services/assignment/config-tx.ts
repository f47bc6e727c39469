// Configuration writes (reps, teams, territories, routing): one transaction that also bumps the
// configuration revision, so every worker reloads its routing catalog before the next decision.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { bumpRevision } from '../../../db/assignment/catalog.js';
import { pgCode } from '../../../db/assignment/sql.js';
import { conflict } from '../../http/problem.js';

export async function configTx<T>(orm: MikroORM, fn: (em: EntityManager) => Promise<T>, opts: { bump?: boolean } = {}): Promise<T> {
  try {
    return await orm.em.fork().transactional(async (em) => {
      const out = await fn(em);
      if (opts.bump ?? true) await bumpRevision(em);
      return out;
    });
  } catch (err) {
    if (pgCode(err) === '23505') throw conflict('duplicate', uniqueMessage(err));
    throw err;
  }
}

function uniqueMessage(err: unknown): string {
  const text = String((err as { detail?: string; message?: string })?.detail ?? (err as Error)?.message ?? '');
  const m = /Key \((.+)\)=\((.+)\) already exists/.exec(text);
  return m ? `${m[1]} '${m[2]}' is already taken` : 'a unique value is already taken';
}
