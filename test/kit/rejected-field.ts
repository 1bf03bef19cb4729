import { BadUserInputError } from '../../platform/errors.ts';

/**
 * Runs a validation and returns the `field` of the BadUserInputError it throws (undefined when it accepts the input).
 * Any other error is rethrown.
 */
export function rejectedField(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof BadUserInputError) return error.details['field'];
    throw error;
  }
  return undefined;
}
