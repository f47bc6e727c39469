// The stale sweep's page loop: open leads whose stored last activity is past the current stale
// threshold and that were not asked since their last activity or the last settings change get the
// `settingsChanged` signal (they reload the settings and act by their own clock: raising the
// threshold never retires a lead early). A range scan of a partial index (open leads by last
// activity) touches only the leads past the threshold, so this holds at 1,000,000 open leads.
import { heartbeat } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import { LIFECYCLE_SETTINGS_KEY, readLifecycleSettings } from './lifecycle.js';
import { leadWorkflowId, settingsChangedSignal, type StaleSweepResult } from '../workflows/messages.js';
import type { ActivityDeps } from './deps.js';

const PAGE = 500;
const CONCURRENCY = 16;
const DAY = 24 * 60 * 60 * 1000;

export function staleSweepActivities({ orm, temporal, logger }: ActivityDeps) {
  return {
    /** `now`: the workflow's clock (the time the lead workflows judge staleness by). */
    async sweepStaleLeads(input: { now: string }): Promise<StaleSweepResult> {
      const em = orm.em.fork();
      const settings = await readLifecycleSettings(em);
      const [row] = await em.execute<{ updated_at: Date | null }[]>('select updated_at from setting where key = ?', [LIFECYCLE_SETTINGS_KEY]);
      const changedAt = row?.updated_at ? new Date(row.updated_at) : new Date(0);
      const threshold = new Date(Date.parse(input.now) - settings.staleAfterDays * DAY);
      const result: StaleSweepResult = { threshold: threshold.toISOString(), signalled: 0, missing: 0, pages: 0 };
      let after = new Date(0);
      let afterId = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const page = await em.execute<{ id: string; last_activity_at: Date }[]>(
          `select id, last_activity_at from lead
            where closed_at is null and last_activity_at <= ? and (last_activity_at, id) > (?, ?)
              and (stale_check_sent_at is null or stale_check_sent_at < greatest(last_activity_at, ?))
            order by last_activity_at, id limit ?`,
          [threshold, after, afterId, changedAt, PAGE],
        );
        if (page.length === 0) break;
        result.pages++;
        const reached: string[] = [];
        for (let i = 0; i < page.length; i += CONCURRENCY) {
          await Promise.all(page.slice(i, i + CONCURRENCY).map(async ({ id }) => {
            try {
              await temporal.workflow.getHandle(leadWorkflowId(id)).signal(settingsChangedSignal);
              reached.push(id);
            } catch (err) {
              if (!(err instanceof WorkflowNotFoundError)) throw err;
              result.missing++; // its workflow ended (the row says open: a capture that never finished)
              reached.push(id);
            }
          }));
        }
        await em.execute('update lead set stale_check_sent_at = ? where id = any(?::uuid[])', [new Date(input.now), `{${reached.join(',')}}`]);
        result.signalled += reached.length;
        const last = page[page.length - 1]!;
        after = new Date(last.last_activity_at);
        afterId = last.id;
        heartbeat(result);
        if (page.length < PAGE) break;
      }
      if (result.signalled > 0) logger.info(result, 'stale sweep: leads past the stale threshold asked to check it');
      return result;
    },
  };
}
export type StaleSweepActivities = ReturnType<typeof staleSweepActivities>;
