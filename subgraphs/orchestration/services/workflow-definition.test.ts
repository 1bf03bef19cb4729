import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../../platform/errors.ts';
import type { StepInput } from './step-definition.ts';
import { findCycle, sinkStepIds, validateWorkflowDefinition } from './workflow-definition.ts';

const transform = (id: string, dependsOn: string[] = [], extra: Partial<StepInput> = {}): StepInput => ({
  id,
  kind: 'transform',
  dependsOn,
  config: { expression: 'input' },
  ...extra,
});

function rejection(steps: StepInput[]): BadUserInputError {
  try {
    validateWorkflowDefinition(steps);
  } catch (error) {
    if (error instanceof BadUserInputError) return error;
    throw error;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('validateWorkflowDefinition', () => {
  it('accepts a DAG and normalises it (dependsOn defaults to [], retry gets defaults)', () => {
    const steps = validateWorkflowDefinition([
      transform('a'),
      { id: 'b', kind: 'http', dependsOn: ['a'], config: { url: 'http://example.test/{{ steps.a }}' }, retry: { maxAttempts: 5 } },
      { id: 'c', kind: 'wait', config: { signal: 'go' } },
    ]);
    expect(steps.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(steps[2]?.dependsOn).toEqual([]);
    expect(steps[1]?.retry).toEqual({ maxAttempts: 5, initialIntervalMs: 1000, backoffCoefficient: 2, maxIntervalMs: 100_000, nonRetryableErrorCodes: [] });
    expect(sinkStepIds(steps)).toEqual(['b', 'c']);
  });

  it('names the cycle path', () => {
    const error = rejection([transform('a', ['c']), transform('b', ['a']), transform('c', ['b'])]);
    expect(error.message).toContain('a -> c -> b -> a');
    expect(error.details['field']).toBe('steps');
  });

  it('rejects an unknown dependency and a self-dependency', () => {
    expect(rejection([transform('a', ['nope'])]).details['field']).toBe('steps[0].dependsOn');
    expect(rejection([transform('a', ['a'])]).message).toContain('depends on itself');
  });

  it('rejects an unknown kind, and map with an explanation', () => {
    expect(rejection([{ id: 'a', kind: 'shell' }]).details['field']).toBe('steps[0].kind');
    expect(rejection([{ id: 'a', kind: 'map' }]).message).toContain('durable engine');
  });

  it('rejects duplicate and malformed ids, and too few or too many steps', () => {
    expect(rejection([transform('a'), transform('a')]).details['field']).toBe('steps[1].id');
    expect(rejection([transform('a b')]).details['field']).toBe('steps[0].id');
    expect(rejection([]).details['field']).toBe('steps');
    expect(rejection(Array.from({ length: 101 }, (_, i) => transform(`s${i}`))).details['field']).toBe('steps');
  });

  it('names the bad config field', () => {
    expect(rejection([{ id: 'a', kind: 'http', config: { url: 'http://x.test', method: 'FETCH' } }]).details['field']).toBe('steps[0].config.method');
    expect(rejection([{ id: 'a', kind: 'llm', config: {} }]).details['field']).toBe('steps[0].config.prompt');
    expect(rejection([{ id: 'a', kind: 'wait', config: { signal: 'x', typo: 1 } }]).details['field']).toBe('steps[0].config.typo');
    expect(rejection([{ id: 'a', kind: 'llm', config: { prompt: 'hi {{ ( }}' } }]).details['field']).toBe('steps[0].config.prompt');
    expect(rejection([{ id: 'a', kind: 'transform', config: { expression: '(' } }]).details['field']).toBe('steps[0].config.expression');
  });

  it('accepts a template where a number is expected', () => {
    const [step] = validateWorkflowDefinition([{ id: 'a', kind: 'memory.search', config: { query: 'q', limit: '{{ input.n }}' } }]);
    expect(step?.config['limit']).toBe('{{ input.n }}');
  });

  it('checks `when`, retry bounds and timeoutMs', () => {
    expect(rejection([transform('a', [], { when: 'input.(' })]).details['field']).toBe('steps[0].when');
    expect(rejection([transform('a', [], { retry: { maxAttempts: 21 } })]).details['field']).toBe('steps[0].retry.maxAttempts');
    expect(rejection([transform('a', [], { retry: { initialIntervalMs: 0 } })]).details['field']).toBe('steps[0].retry.initialIntervalMs');
    expect(rejection([transform('a', [], { retry: { backoffCoefficient: 0.5 } })]).details['field']).toBe('steps[0].retry.backoffCoefficient');
    expect(rejection([transform('a', [], { retry: { initialIntervalMs: 10, maxIntervalMs: 5 } })]).details['field']).toBe('steps[0].retry.maxIntervalMs');
    expect(rejection([transform('a', [], { timeoutMs: 3_600_001 })]).details['field']).toBe('steps[0].timeoutMs');
  });
});

describe('findCycle', () => {
  it('returns undefined for a diamond', () => {
    expect(findCycle([{ id: 'a', dependsOn: [] }, { id: 'b', dependsOn: ['a'] }, { id: 'c', dependsOn: ['a'] }, { id: 'd', dependsOn: ['b', 'c'] }])).toBeUndefined();
  });
});
