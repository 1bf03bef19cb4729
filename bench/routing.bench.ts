/**
 * `npm run bench -- routing [--rounds=300] [--seed=1]`: how well the router learns which model to use per task type.
 * A simulated oracle (bench/routing-oracle.ts: 6 task types, 5 models, a hidden true-quality matrix where no model is
 * best everywhere and the cheapest good-enough model differs by type) drives the real API: the graph runs in this
 * process against `DATABASE_URL`/`REDIS_URL` (embedded stand-ins when unset; `real_backends` says which), each run on
 * a tenant of its own, cold (no outcome recorded before).
 *
 * Per round, every task type once, in a seeded random order: `route(input: { taskType, estimatedInputTokens,
 * estimatedOutputTokens, weights })`, then a noisy quality for the chosen model (true quality + N(0, 0.1), clipped,
 * seeded), then `recordRoutingOutcome(decisionId, { success: quality ≥ 0.5, quality, inputTokens, outputTokens })`.
 * The router sees only these recorded outcomes and each model's configured quality (its average over tasks).
 *
 * The caller asks for quality first and cost second, with weights `{ cost: 1, latency: 0, quality: 9 }`: the good
 * models' cost score is worth giving up about a tenth of a quality point, no more. Under the default weights (1/3
 * each) the router would trade much more quality for cost, by design.
 *
 * Metrics against always using the single best model (the best average true quality, `large`):
 * `quality_vs_best` = mean true quality of the router's choices / that of the best model on the same requests
 * (target ≥ 0.95); `cost_vs_best` = the recorded cost of the router's choices / the best model's cost on the same
 * requests (its `estimatedCostUsd` in each decision; target ≤ 0.40); the same for the last quarter of the rounds
 * (`last_quarter_*`, after learning), the share of explored decisions, and per task type figures. The headline run
 * gives every request the same size ({@link UNIFORM_SIZE}), so costs differ only by the model chosen; `mixed_*` runs
 * the same with each task type's own typical size (short classifications, long reasoning answers), where the hard
 * task's tokens dominate the cost. Baselines on the same oracle: `untyped_*` learns without task types (one
 * posterior per model), `static_*` is the router without learning (the rule on configured quality only: its
 * cold-start choice, repeated), `ideal_*` the rule with the true qualities (what a router that knew the matrix would
 * do). The router's draws use `Math.random` (not seeded), so figures vary a little from run to run.
 *
 * Then (b), bench/completion-overhead.ts: the overhead of a streamed completion through the gateway's `/v1` API over
 * calling the provider directly, at 50 concurrent streams (`overhead_p50_ms`, `overhead_p99_ms`, `ttft_added_*`),
 * against the floor of two bare relay hops on the same machine (`relay_*`).
 */
import { createClient, newTenant, type GraphClient } from '../test/kit/client.ts';
import { startGraph, type TestGraph } from '../test/kit/graph.ts';
import { numberOption } from './bench-options.ts';
import { shuffled } from './bench-random.ts';
import { writeBenchResult, type Metric } from './bench-result.ts';
import { measureCompletionOverhead } from './completion-overhead.ts';
import {
  BENCH_MODELS,
  BENCH_TASKS,
  UNIFORM_SIZE,
  averageQuality,
  bestSingleModel,
  checkMatrix,
  cheapestGoodEnough,
  costOf,
  createOracle,
  idealChoice,
  trueQuality,
  type BenchTask,
  type RequestSize,
} from './routing-oracle.ts';

/** The request size of a task type in a workload. */
type Workload = (task: BenchTask) => RequestSize;
const uniform: Workload = () => UNIFORM_SIZE;
const mixed: Workload = (task) => task;

const ROUNDS = numberOption('rounds', 300);
const SEED = numberOption('seed', 1);
const WEIGHTS = { cost: 1, latency: 0, quality: 9 };
const NORMALISED_WEIGHTS = { cost: 0.1, latency: 0, quality: 0.9 };
const TARGET_QUALITY_VS_BEST = 0.95;
const TARGET_COST_VS_BEST = 0.4;

const ROUTE = `mutation ($input: RouteInput!) {
  route(input: $input) { id explored model { name } candidates { model { name } estimatedCostUsd } }
}`;
const RECORD = `mutation ($id: ID!, $outcome: RoutingOutcomeInput!) { recordRoutingOutcome(decisionId: $id, outcome: $outcome) { outcome { costUsd } } }`;
const UPSERT = 'mutation ($input: ModelProfileInput!) { upsertModel(input: $input) { id } }';

interface RouteAnswer {
  route: { id: string; explored: boolean; model: { name: string }; candidates: { model: { name: string }; estimatedCostUsd: number }[] };
}

/** One routed request of a run. */
interface Step {
  readonly task: string;
  readonly round: number;
  readonly model: string;
  readonly explored: boolean;
  readonly quality: number;
  readonly costUsd: number;
  readonly bestQuality: number;
  readonly bestCostUsd: number;
}

/** quality_vs_best, cost_vs_best and the explored share of `steps`. */
function figures(steps: readonly Step[]): { qualityVsBest: number; costVsBest: number; exploredShare: number } {
  const sum = (f: (s: Step) => number): number => steps.reduce((a, s) => a + f(s), 0);
  return {
    qualityVsBest: sum((s) => s.quality) / sum((s) => s.bestQuality),
    costVsBest: sum((s) => s.costUsd) / sum((s) => s.bestCostUsd),
    exploredShare: steps.filter((s) => s.explored).length / steps.length,
  };
}

async function tenantWithModels(graph: TestGraph): Promise<GraphClient> {
  const client = await createClient(graph, { tenant: newTenant(), scopes: ['routing:read', 'routing:write'] });
  for (const model of BENCH_MODELS) {
    await client.requestOk(UPSERT, { input: { ...model, provider: 'echo', quality: averageQuality(model.name), contextWindowTokens: 128_000 } });
  }
  return client;
}

/** One learning run: `ROUNDS` rounds of every task, on a fresh tenant; `typed` sends the task type. */
async function learningRun(client: GraphClient, typed: boolean, workload: Workload, seed: number): Promise<Step[]> {
  const oracle = createOracle(seed);
  const best = bestSingleModel();
  const steps: Step[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const task of shuffled(BENCH_TASKS, oracle.random)) {
      const size = workload(task);
      const { route } = await client.requestOk<RouteAnswer, unknown>(ROUTE, {
        input: {
          ...(typed ? { taskType: task.name } : {}),
          estimatedInputTokens: size.inputTokens,
          estimatedOutputTokens: size.outputTokens,
          weights: WEIGHTS,
        },
      });
      const model = route.model.name;
      const quality = oracle.outcome(task, model);
      const recorded = await client.requestOk<{ recordRoutingOutcome: { outcome: { costUsd: number } } }, unknown>(RECORD, {
        id: route.id,
        outcome: { success: quality >= 0.5, quality, inputTokens: size.inputTokens, outputTokens: size.outputTokens },
      });
      const bestCostUsd = route.candidates.find((c) => c.model.name === best)?.estimatedCostUsd ?? Number.NaN;
      steps.push({
        task: task.name,
        round,
        model,
        explored: route.explored,
        quality: trueQuality(task, model),
        costUsd: recorded.recordRoutingOutcome.outcome.costUsd,
        bestQuality: trueQuality(task, best),
        bestCostUsd,
      });
    }
  }
  return steps;
}

/** The router without learning: each task's cold-start choice (configured quality only), as if repeated every round. */
async function staticRun(client: GraphClient, workload: Workload): Promise<Step[]> {
  const steps: Step[] = [];
  for (const task of BENCH_TASKS) {
    const size = workload(task);
    const { route } = await client.requestOk<RouteAnswer, unknown>(ROUTE, {
      input: { taskType: task.name, estimatedInputTokens: size.inputTokens, estimatedOutputTokens: size.outputTokens, weights: WEIGHTS },
    });
    steps.push(fixedStep(task, size, route.model.name));
  }
  return steps;
}

/** The step of a router that always chooses `model` for `task` (static and ideal baselines, one per task). */
function fixedStep(task: BenchTask, size: RequestSize, model: string): Step {
  const best = bestSingleModel();
  const spec = (name: string) => BENCH_MODELS.find((m) => m.name === name) ?? BENCH_MODELS[0]!;
  return {
    task: task.name,
    round: 0,
    model,
    explored: false,
    quality: trueQuality(task, model),
    costUsd: costOf(spec(model), size),
    bestQuality: trueQuality(task, best),
    bestCostUsd: costOf(spec(best), size),
  };
}

/** The ideal baseline: the rule with the true qualities, per task. */
function idealSteps(workload: Workload): Step[] {
  return BENCH_TASKS.map((t) => fixedStep(t, workload(t), idealChoice(t, workload(t), NORMALISED_WEIGHTS)));
}

const r4 = (value: number): number => Math.round(value * 10_000) / 10_000;

checkMatrix();
const graph = await startGraph({ subgraphs: ['session', 'routing'], env: { WORKER_ENABLED: 'false', LOG_LEVEL: 'error' } });
try {
  const clients = await Promise.all(Array.from({ length: 5 }, () => tenantWithModels(graph)));
  const [typedClient, untypedClient, mixedClient, staticClient, mixedStaticClient] = clients as [
    GraphClient,
    GraphClient,
    GraphClient,
    GraphClient,
    GraphClient,
  ];
  const [learned, untyped, mixedLearned, fixed, mixedFixed] = await Promise.all([
    learningRun(typedClient, true, uniform, SEED),
    learningRun(untypedClient, false, uniform, SEED),
    learningRun(mixedClient, true, mixed, SEED),
    staticRun(staticClient, uniform),
    staticRun(mixedStaticClient, mixed),
  ]);
  const lastQuarterOf = (steps: readonly Step[]): Step[] => steps.filter((s) => s.round >= Math.floor(ROUNDS * 0.75));
  const lastQuarter = lastQuarterOf(learned);
  const all = figures(learned);
  const late = figures(lastQuarter);
  const ratio = (value: number, unit = 'ratio'): Metric => ({ value: r4(value), unit });
  const metrics: Record<string, Metric> = {
    quality_vs_best: ratio(all.qualityVsBest, 'ratio (target ≥ 0.95)'),
    cost_vs_best: ratio(all.costVsBest, 'ratio (target ≤ 0.40)'),
    targets_met: { value: all.qualityVsBest >= TARGET_QUALITY_VS_BEST && all.costVsBest <= TARGET_COST_VS_BEST ? 1 : 0, unit: '1 = both met' },
    last_quarter_quality_vs_best: ratio(late.qualityVsBest),
    last_quarter_cost_vs_best: ratio(late.costVsBest),
    explored_share: ratio(all.exploredShare, 'share of decisions'),
    last_quarter_explored_share: ratio(late.exploredShare, 'share of decisions'),
    untyped_quality_vs_best: ratio(figures(untyped).qualityVsBest, 'ratio (learning without task types)'),
    untyped_cost_vs_best: ratio(figures(untyped).costVsBest, 'ratio (learning without task types)'),
    static_quality_vs_best: ratio(figures(fixed).qualityVsBest, 'ratio (no learning: configured quality)'),
    static_cost_vs_best: ratio(figures(fixed).costVsBest, 'ratio (no learning: configured quality)'),
    ideal_quality_vs_best: ratio(figures(idealSteps(uniform)).qualityVsBest, 'ratio (the rule with the true qualities)'),
    ideal_cost_vs_best: ratio(figures(idealSteps(uniform)).costVsBest, 'ratio (the rule with the true qualities)'),
    mixed_quality_vs_best: ratio(figures(mixedLearned).qualityVsBest, 'ratio (per-task request sizes)'),
    mixed_cost_vs_best: ratio(figures(mixedLearned).costVsBest, 'ratio (per-task request sizes)'),
    mixed_last_quarter_quality_vs_best: ratio(figures(lastQuarterOf(mixedLearned)).qualityVsBest, 'ratio (per-task request sizes)'),
    mixed_last_quarter_cost_vs_best: ratio(figures(lastQuarterOf(mixedLearned)).costVsBest, 'ratio (per-task request sizes)'),
    mixed_static_quality_vs_best: ratio(figures(mixedFixed).qualityVsBest, 'ratio (per-task sizes, no learning)'),
    mixed_static_cost_vs_best: ratio(figures(mixedFixed).costVsBest, 'ratio (per-task sizes, no learning)'),
    mixed_ideal_quality_vs_best: ratio(figures(idealSteps(mixed)).qualityVsBest, 'ratio (per-task sizes, true qualities)'),
    mixed_ideal_cost_vs_best: ratio(figures(idealSteps(mixed)).costVsBest, 'ratio (per-task sizes, true qualities)'),
  };
  const perTask: Record<string, Record<string, string | number>> = {};
  for (const task of BENCH_TASKS) {
    const steps = learned.filter((s) => s.task === task.name);
    const lateSteps = lastQuarter.filter((s) => s.task === task.name);
    const f = figures(steps);
    const idealModel = idealChoice(task, UNIFORM_SIZE, NORMALISED_WEIGHTS);
    const idealShare = lateSteps.filter((s) => s.model === idealModel).length / lateSteps.length;
    metrics[`${task.name}_quality_vs_best`] = ratio(f.qualityVsBest);
    metrics[`${task.name}_cost_vs_best`] = ratio(f.costVsBest);
    metrics[`${task.name}_last_quarter_ideal_share`] = ratio(idealShare, `share choosing ${idealModel}`);
    const counts = new Map<string, number>();
    for (const s of lateSteps) counts.set(s.model, (counts.get(s.model) ?? 0) + 1);
    perTask[task.name] = {
      ideal: idealModel,
      cheapestGoodEnough: cheapestGoodEnough(task),
      lastQuarterPicks: [...counts]
        .sort((a, b) => b[1] - a[1])
        .map(([m, n]) => `${m} ${n}`)
        .join(', '),
      qualityVsBest: r4(f.qualityVsBest),
      costVsBest: r4(f.costVsBest),
    };
  }
  // (b) what a streamed completion through the gateway adds over calling the provider directly.
  Object.assign(metrics, await measureCompletionOverhead());
  metrics['rounds'] = { value: ROUNDS, unit: 'rounds of every task type' };
  metrics['decisions'] = { value: learned.length, unit: 'route + recordRoutingOutcome per run' };
  metrics['task_types'] = { value: BENCH_TASKS.length, unit: 'task types' };
  metrics['models'] = { value: BENCH_MODELS.length, unit: 'models' };
  metrics['seed'] = { value: SEED, unit: 'oracle seed' };
  metrics['real_backends'] = { value: process.env['DATABASE_URL'] && process.env['REDIS_URL'] ? 1 : 0, unit: '1 = Postgres and Redis' };
  console.table(perTask);
  await writeBenchResult('routing', metrics);
  if (!metrics['targets_met']?.value) console.log('TARGET MISSED: see quality_vs_best and cost_vs_best');
} finally {
  await graph.close();
}
