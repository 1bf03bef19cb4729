import { BadUserInputError } from '../../../platform/errors.ts';
import { validateStep, type StepDefinition, type StepInput } from './step-definition.ts';

/** Fewest steps of a workflow. */
export const MIN_WORKFLOW_STEPS = 1;
/** Most steps of a workflow. */
export const MAX_WORKFLOW_STEPS = 100;

/**
 * Validates a workflow's steps as a whole and returns them normalised, in definition order: 1–100 steps, each valid
 * on its own (see `validateStep`), ids unique, every `dependsOn` naming another existing step, and no cycle.
 * Pure: no I/O.
 * @throws {@link BadUserInputError} with `details.field` (e.g. `steps[3].dependsOn`); a cycle's message names its path.
 */
export function validateWorkflowDefinition(steps: readonly StepInput[]): StepDefinition[] {
  if (steps.length < MIN_WORKFLOW_STEPS || steps.length > MAX_WORKFLOW_STEPS) {
    throw new BadUserInputError(`steps: a workflow has ${MIN_WORKFLOW_STEPS} to ${MAX_WORKFLOW_STEPS} steps (got ${steps.length})`, {
      field: 'steps',
    });
  }
  const definitions = steps.map((step, i) => validateStep(step, `steps[${i}]`));
  const indexById = new Map<string, number>();
  definitions.forEach((step, i) => {
    if (indexById.has(step.id)) {
      throw new BadUserInputError(`steps[${i}].id: duplicate step id "${step.id}"`, { field: `steps[${i}].id` });
    }
    indexById.set(step.id, i);
  });
  definitions.forEach((step, i) => {
    for (const dep of step.dependsOn) {
      if (dep === step.id) {
        throw new BadUserInputError(`steps[${i}].dependsOn: step "${step.id}" depends on itself`, { field: `steps[${i}].dependsOn` });
      }
      if (!indexById.has(dep)) {
        throw new BadUserInputError(`steps[${i}].dependsOn: unknown step "${dep}"`, { field: `steps[${i}].dependsOn` });
      }
    }
  });
  const cycle = findCycle(definitions);
  if (cycle) {
    throw new BadUserInputError(`steps: dependency cycle ${cycle.join(' -> ')}`, { field: 'steps', cycle });
  }
  return definitions;
}

/**
 * Finds a dependency cycle by depth-first search (white/grey/black colouring); returns its path with the first step
 * repeated at the end (e.g. `['a', 'b', 'a']`), or `undefined` when the graph is acyclic.
 */
export function findCycle(steps: readonly Pick<StepDefinition, 'id' | 'dependsOn'>[]): string[] | undefined {
  const deps = new Map(steps.map((s) => [s.id, s.dependsOn] as const));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    const seen = state.get(id);
    if (seen === 'done') return undefined;
    if (seen === 'visiting') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'visiting');
    stack.push(id);
    for (const dep of deps.get(id) ?? []) {
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const step of steps) {
    const cycle = visit(step.id);
    if (cycle) return cycle;
  }
  return undefined;
}

/** Ids of the steps no other step depends on (the run's output is theirs), in definition order. */
export function sinkStepIds(steps: readonly Pick<StepDefinition, 'id' | 'dependsOn'>[]): string[] {
  const depended = new Set(steps.flatMap((s) => s.dependsOn));
  return steps.filter((s) => !depended.has(s.id)).map((s) => s.id);
}

/** Ids of every step `stepId` depends on, directly or transitively. */
export function ancestorsOf(steps: readonly Pick<StepDefinition, 'id' | 'dependsOn'>[], stepId: string): Set<string> {
  const deps = new Map(steps.map((s) => [s.id, s.dependsOn] as const));
  const result = new Set<string>();
  const pending = [...(deps.get(stepId) ?? [])];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (result.has(id)) continue;
    result.add(id);
    pending.push(...(deps.get(id) ?? []));
  }
  return result;
}
