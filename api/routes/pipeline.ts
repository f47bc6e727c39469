// POST /leads/pipeline/simulate: the lead pipeline (the active versions, or the ones given per
// stage) on inline leads or stored leads chosen by a filter. Reads only.
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  CompiledRuleSetCache, PIPELINE_STAGES, loadActiveStages, loadRuleSetVersion, pipelineSetsOf, stageOf, type ActiveStage,
} from '../../db/rule-set-store.js';
import type { AppDeps } from '../app-deps.js';
import { HttpProblem, fieldError, type FieldError } from '../http/problem.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { pipelineSimulationSchema, simulatePipelineBody } from '../schemas/simulate.js';
import { selectSubjects, simulatePipeline } from '../services/simulate.js';
import { SIMULATE } from './rule-sets.js';

type StageRef = { ruleSetId: string; version?: number | undefined } | null | undefined;
type Stage = (typeof PIPELINE_STAGES)[number];

/** The active stages with the caller's overrides (a version per stage, or null to leave it out). */
async function stagesFor(em: EntityManager, overrides: Partial<Record<Stage, StageRef>>): Promise<ActiveStage[]> {
  const stages = new Map<string, ActiveStage>((await loadActiveStages(em)).map((a) => [a.stage, a]));
  const errors: FieldError[] = [];
  for (const stage of PIPELINE_STAGES) {
    if (!(stage in overrides)) continue;
    const ref = overrides[stage];
    if (ref === null || ref === undefined) {
      stages.delete(stage);
      continue;
    }
    const stored = await loadRuleSetVersion(em, ref.ruleSetId, ref.version);
    const at = ['ruleSets', stage];
    if (!stored) errors.push(fieldError('body', [...at, ref.version ? 'version' : 'ruleSetId'], `no such rule set${ref.version ? ' version' : ''}`, 'unknown_rule_set'));
    else if (stageOf(stored.type) !== stage) errors.push(fieldError('body', [...at, 'ruleSetId'], `a ${stored.type} set does not run in the ${stage} stage`, 'wrong_stage'));
    else stages.set(stage, { ...stored, stage, activatedBy: '', activatedAt: new Date(0) });
  }
  if (errors.length > 0) throw new HttpProblem(422, 'invalid_rule_set_refs', `Invalid ruleSets: ${errors[0]!.field} ${errors[0]!.message}`, { errors });
  return PIPELINE_STAGES.flatMap((s) => stages.get(s) ?? []);
}

export function pipelineRoutes(deps: AppDeps): RouteSpec[] {
  const cache = new CompiledRuleSetCache();
  return [
    defineRoute({
      method: 'post', path: '/leads/pipeline/simulate', operationId: 'simulateLeadPipeline', tags: ['rule sets', 'leads'], access: SIMULATE,
      summary: 'Run the lead pipeline (active versions, or the given ones) on inline leads or stored leads chosen by a filter (changes nothing)',
      body: simulatePipelineBody,
      responses: {
        200: { description: 'Per-lead derived values with traces, and a summary', schema: pipelineSimulationSchema },
        422: { description: 'Unknown rule set / version, a set of another stage, or an invalid filter' },
      },
      handler: async ({ body }) => {
        const now = body.now ? new Date(body.now) : new Date();
        const em = deps.orm.em.fork();
        const stages = await stagesFor(em, body.ruleSets ?? {});
        const { kind, subjects } = await selectSubjects(em, body, now);
        const sim = simulatePipeline(pipelineSetsOf(stages, cache), subjects, now);
        const ruleSets = Object.fromEntries(stages.map((s) => [s.stage, { ruleSetId: s.ruleSetId, version: s.version, type: s.type }]));
        return { status: 200, body: { ruleSets, now: now.toISOString(), source: kind, ...sim } };
      },
    }),
  ];
}
