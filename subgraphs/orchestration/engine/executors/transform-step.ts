import type { TransformConfig } from '../../services/step-config-schemas.ts';
import { ExpressionError, evaluateExpression } from '../../services/expressions.ts';
import { StepError } from '../step-error.ts';
import type { StepExecution, StepResult } from './step-execution.ts';

/**
 * `transform`: evaluates `config.expression` (JSONata) over the step's context; its value is the output.
 * @throws {@link StepError} `EXPRESSION` when evaluation fails.
 */
export async function executeTransform(execution: StepExecution<TransformConfig>): Promise<StepResult> {
  try {
    return { output: await evaluateExpression(execution.config.expression, execution.context) };
  } catch (error) {
    if (error instanceof ExpressionError) throw new StepError('EXPRESSION', `expression failed: ${error.message}`);
    throw error;
  }
}
