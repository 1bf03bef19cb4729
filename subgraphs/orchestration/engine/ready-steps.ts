import { satisfiesDependents, type StepRun } from '../entities/step-run.ts';
import type { StepDefinition } from '../services/step-definition.ts';
import type { ExpressionContext } from '../services/expressions.ts';
import { ancestorsOf } from '../services/workflow-definition.ts';

/** Ids of the QUEUED steps whose dependencies are all done (COMPLETED or SKIPPED), in definition order. */
export function readyStepIds(definitions: readonly StepDefinition[], steps: readonly StepRun[]): string[] {
  const status = new Map(steps.map((s) => [s.stepId, s.status]));
  return definitions
    .filter((d) => status.get(d.id) === 'QUEUED' && d.dependsOn.every((dep) => satisfiesDependents(status.get(dep) ?? 'QUEUED')))
    .map((d) => d.id);
}

/**
 * What step `stepId`'s expressions see: the run's input and id, and the outputs of its direct and transitive
 * dependencies (a skipped one as null).
 */
export function expressionContext(
  run: { id: string; input: unknown },
  definitions: readonly StepDefinition[],
  steps: readonly StepRun[],
  stepId: string,
): ExpressionContext {
  const ancestors = ancestorsOf(definitions, stepId);
  const outputs: Record<string, unknown> = {};
  for (const step of steps) {
    if (ancestors.has(step.stepId)) outputs[step.stepId] = step.status === 'COMPLETED' ? step.output : null;
  }
  return { input: run.input ?? null, steps: outputs, run: { id: run.id } };
}
