import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../../platform/errors.ts';
import { definitionConfig, withStoredDefaults, type StepDefinition, type StepInput } from './step-definition.ts';
import { parseStepConfig } from './step-config-schemas.ts';
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
    expect(steps[1]?.retry).toEqual({
      maxAttempts: 5,
      initialIntervalMs: 1000,
      backoffCoefficient: 2,
      maxIntervalMs: 100_000,
      jitter: 0.2,
      nonRetryableErrorCodes: [],
    });
    expect(steps[1]).not.toHaveProperty('item');
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

  it('rejects an unknown kind', () => {
    expect(rejection([{ id: 'a', kind: 'shell' }]).details['field']).toBe('steps[0].kind');
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

  it('lets a wait last up to 7 days (an approval may take a day), by its config or its step timeout, and no longer', () => {
    const day = 86_400_000;
    const [byConfig, byStep] = validateWorkflowDefinition([
      { id: 'approve', kind: 'wait', config: { signal: 'approved', timeoutMs: day } },
      { id: 'review', kind: 'wait', config: { signal: 'reviewed' }, timeoutMs: 7 * day },
    ]);
    expect(byConfig?.config).toMatchObject({ timeoutMs: day });
    expect(byStep?.timeoutMs).toBe(7 * day);
    expect(rejection([{ id: 'w', kind: 'wait', config: { signal: 's', timeoutMs: 7 * day + 1 } }]).details['field']).toBe('steps[0].config.timeoutMs');
    expect(rejection([{ id: 'w', kind: 'wait', config: { signal: 's' }, timeoutMs: 7 * day + 1 }]).details['field']).toBe('steps[0].timeoutMs');
    // An attempt of a working step is still bounded by an hour.
    expect(rejection([transform('a', [], { timeoutMs: day })]).details['field']).toBe('steps[0].timeoutMs');
  });

  it('checks retry jitter (0 to 1) and that non-retryable codes are step error codes', () => {
    const [step] = validateWorkflowDefinition([transform('a', [], { retry: { jitter: 0, nonRetryableErrorCodes: ['HTTP_STATUS', 'TIMEOUT'] } })]);
    expect(step?.retry).toMatchObject({ jitter: 0, nonRetryableErrorCodes: ['HTTP_STATUS', 'TIMEOUT'] });
    expect(rejection([transform('a', [], { retry: { jitter: 1.5 } })]).details['field']).toBe('steps[0].retry.jitter');
    expect(rejection([transform('a', [], { retry: { jitter: -0.1 } })]).details['field']).toBe('steps[0].retry.jitter');
    const badCode = rejection([transform('a', [], { retry: { nonRetryableErrorCodes: ['TIMEOUT', 'NOPE'] } })]);
    expect(badCode.details['field']).toBe('steps[0].retry.nonRetryableErrorCodes[1]');
    expect(badCode.message).toContain('unknown step error code "NOPE"');
  });
});

describe('map steps', () => {
  const map = (config: unknown, extra: Partial<StepInput> = {}): StepInput => ({ id: 'each', kind: 'map', config, ...extra });
  const item = { kind: 'transform', config: { expression: 'item * index' } };

  it('normalises the config to { items, concurrency } and keeps the item step apart', () => {
    const [step] = validateWorkflowDefinition([map({ items: [1, 2, 3], step: item }, { retry: { maxAttempts: 2 } })]);
    expect(step?.config).toEqual({ items: [1, 2, 3], concurrency: 10 });
    expect(step?.retry?.maxAttempts).toBe(2);
    expect(step?.item).toEqual({
      id: 'each-item',
      kind: 'transform',
      dependsOn: [],
      config: { expression: 'item * index' },
      when: null,
      retry: null,
      timeoutMs: null,
    });
  });

  it('accepts templates for items and concurrency, and item-step templates over item and index', () => {
    const [step] = validateWorkflowDefinition([
      transform('list'),
      map(
        {
          items: '{{ steps.list }}',
          concurrency: '{{ input.parallel }}',
          step: { kind: 'http', config: { url: 'http://example.test/{{ item.id }}?i={{ index }}' }, retry: { maxAttempts: 4, jitter: 0 }, timeoutMs: 500 },
        },
        { dependsOn: ['list'] },
      ),
    ]).slice(1);
    expect(step?.config).toEqual({ items: '{{ steps.list }}', concurrency: '{{ input.parallel }}' });
    expect(step?.item).toMatchObject({ kind: 'http', timeoutMs: 500, retry: { maxAttempts: 4, jitter: 0 } });
  });

  it('names the bad field of the map config and of its item step', () => {
    const field = (config: unknown): unknown => rejection([map(config)]).details['field'];
    expect(field({ step: item })).toBe('steps[0].config.items');
    expect(field({ items: [1] })).toBe('steps[0].config.step');
    expect(field({ items: Array.from({ length: 1001 }, (_, i) => i), step: item })).toBe('steps[0].config.items');
    expect(field({ items: 'no template', step: item })).toBe('steps[0].config.items');
    expect(field({ items: [1], concurrency: 0, step: item })).toBe('steps[0].config.concurrency');
    expect(field({ items: [1], concurrency: 101, step: item })).toBe('steps[0].config.concurrency');
    expect(field({ items: [1], step: item, typo: 1 })).toBe('steps[0].config.typo');
    expect(field({ items: '{{ ( }}', step: item })).toBe('steps[0].config.items');
    expect(field({ items: [1], step: { kind: 'shell' } })).toBe('steps[0].config.step.kind');
    expect(field({ items: [1], step: { kind: 'transform', config: { expression: '(' } } })).toBe('steps[0].config.step.config.expression');
    expect(field({ items: [1], step: { kind: 'http', config: { url: 'http://x.test', method: 'BREW' } } })).toBe('steps[0].config.step.config.method');
    expect(field({ items: [1], step: { ...item, retry: { maxAttempts: 0 } } })).toBe('steps[0].config.step.retry.maxAttempts');
    expect(field({ items: [1], step: { ...item, timeoutMs: 0 } })).toBe('steps[0].config.step.timeoutMs');
    expect(field({ items: [1], step: { ...item, dependsOn: ['x'] } })).toBe('steps[0].config.step.dependsOn');
  });

  it('refuses an item step of kind map or wait', () => {
    for (const kind of ['map', 'wait']) {
      const error = rejection([map({ items: [1], step: { kind, config: { signal: 'go' } } })]);
      expect(error.details['field']).toBe('steps[0].config.step.kind');
      expect(error.message).toContain(`cannot be of kind "${kind}"`);
    }
  });

  it('shows the item step under config.step again, so a read definition can be written back unchanged', () => {
    const [step] = validateWorkflowDefinition([map({ items: [1], step: { ...item, retry: { maxAttempts: 2 } } })]);
    const config = definitionConfig(step as StepDefinition);
    expect(config).toMatchObject({ items: [1], concurrency: 10, step: { kind: 'transform', config: item.config, retry: { maxAttempts: 2 }, timeoutMs: null } });
    expect(validateWorkflowDefinition([map(config)])).toEqual([step]);
  });

  it('checks the resolved config { items, concurrency } before the items run', () => {
    expect(parseStepConfig('map', { items: [1, 2], concurrency: 3 }, 'resolved')).toEqual({ ok: true, config: { items: [1, 2], concurrency: 3 } });
    const notAList = parseStepConfig('map', { items: { a: 1 }, concurrency: 3 }, 'resolved');
    expect(notAList.ok || notAList.issue.path).toBe('items');
    const tooMany = parseStepConfig('map', { items: Array.from({ length: 1001 }, () => 0), concurrency: 3 }, 'resolved');
    expect(tooMany.ok || tooMany.issue.path).toBe('items');
    const template = parseStepConfig('map', { items: [], concurrency: '{{ 3 }}' }, 'resolved');
    expect(template.ok || template.issue.path).toBe('concurrency');
  });

  it('accepts exactly the limits: 1000 items and concurrency 1 to 100', () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    expect(validateWorkflowDefinition([map({ items, concurrency: 100, step: item })])[0]?.config['concurrency']).toBe(100);
    expect(validateWorkflowDefinition([map({ items: [], concurrency: 1, step: item })])[0]?.config['concurrency']).toBe(1);
  });
});

describe('withStoredDefaults', () => {
  it('gives a retry policy stored before jitter existed the default jitter, also in a map item step', () => {
    const oldRetry = { maxAttempts: 2, initialIntervalMs: 10, backoffCoefficient: 2, maxIntervalMs: 100, nonRetryableErrorCodes: [] };
    const old = { id: 'a', kind: 'map', dependsOn: [], config: {}, when: null, retry: oldRetry, timeoutMs: null } as unknown as StepDefinition;
    const upgraded = withStoredDefaults({ ...old, item: { ...old, id: 'a-item', kind: 'transform' } });
    expect(upgraded.retry?.jitter).toBe(0.2);
    expect(upgraded.item?.retry?.jitter).toBe(0.2);
    expect(withStoredDefaults({ ...old, retry: null })).not.toHaveProperty('item');
  });
});

describe('findCycle', () => {
  it('returns undefined for a diamond', () => {
    expect(
      findCycle([
        { id: 'a', dependsOn: [] },
        { id: 'b', dependsOn: ['a'] },
        { id: 'c', dependsOn: ['a'] },
        { id: 'd', dependsOn: ['b', 'c'] },
      ]),
    ).toBeUndefined();
  });
});
