import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route.js';
import type { AppDeps } from '../app-deps.js';

const dependencySchema = z.object({ ok: z.boolean(), latencyMs: z.number(), error: z.string().optional() });
const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  postgres: dependencySchema,
  temporal: dependencySchema,
});

async function probe(fn: () => Promise<unknown>): Promise<z.infer<typeof dependencySchema>> {
  const started = performance.now();
  try {
    await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 3000 ms')), 3000))]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: err instanceof Error ? err.message : String(err) };
  }
}

export function healthRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/healthz',
      operationId: 'health',
      summary: 'Reachability of PostgreSQL and Temporal',
      tags: ['ops'],
      access: 'public',
      responses: {
        200: { description: 'Both dependencies reachable', schema: healthSchema },
        503: { description: 'A dependency is unreachable', schema: healthSchema, contentType: 'application/json' },
      },
      handler: async () => {
        const [postgres, temporal] = await Promise.all([
          probe(() => deps.orm.em.fork().execute('select 1')),
          probe(() => deps.temporal.workflowService.getSystemInfo({})),
        ]);
        const ok = postgres.ok && temporal.ok;
        return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'degraded', postgres, temporal } };
      },
    }),
  ];
}
