import { describe, expect, it } from 'vitest';
import { ExpressionError, evaluateCondition, evaluateExpression, resolveTemplates, type ExpressionContext } from './expressions.ts';

const context: ExpressionContext = { input: { name: 'Ada', n: 3, tags: ['x', 'y'] }, steps: { a: { total: 7 } }, run: { id: 'r1' } };

describe('resolveTemplates', () => {
  it('gives a whole-string template its value, of any JSON type', async () => {
    expect(await resolveTemplates('{{ input.n }}', context)).toBe(3);
    expect(await resolveTemplates('{{ input.tags }}', context)).toEqual(['x', 'y']);
    expect(await resolveTemplates('{{ steps.a }}', context)).toEqual({ total: 7 });
  });

  it('interpolates templates inside text', async () => {
    expect(await resolveTemplates('Hi {{ input.name }}, total {{ steps.a.total }} in {{ run.id }}', context)).toBe('Hi Ada, total 7 in r1');
    expect(await resolveTemplates('tags={{ input.tags }} missing=[{{ input.nope }}]', context)).toBe('tags=["x","y"] missing=[]');
  });

  it('walks objects and arrays and leaves other values alone', async () => {
    expect(await resolveTemplates({ a: ['{{ input.n + 1 }}', 2], b: { c: 'x{{ "y" }}' }, d: true }, context)).toEqual({ a: [4, 2], b: { c: 'xy' }, d: true });
  });

  it('turns a failing template into an ExpressionError naming it', async () => {
    await expect(resolveTemplates('{{ $notAFunction() }}', context)).rejects.toThrow(ExpressionError);
  });
});

describe('expressions', () => {
  it('evaluates JSONata over input, steps and run; no match is null', async () => {
    expect(await evaluateExpression('{ "greeting": "Hello " & input.name, "double": steps.a.total * 2 }', context)).toEqual({
      greeting: 'Hello Ada',
      double: 14,
    });
    expect(await evaluateExpression('input.missing', context)).toBeNull();
  });

  it('applies $boolean rules to conditions', async () => {
    expect(await evaluateCondition('input.n > 2', context)).toBe(true);
    expect(await evaluateCondition('input.missing', context)).toBe(false);
    expect(await evaluateCondition('""', context)).toBe(false);
  });

  it('stops runaway recursion by depth', async () => {
    await expect(evaluateExpression('($f := function($x) { 1 + $f($x + 1) }; $f(0))', context)).rejects.toThrow(/nests deeper than/);
  });

  it('stops a long-running expression by time', async () => {
    await expect(evaluateExpression('($f := function($x) { $f($x + 1) }; $f(0))', context)).rejects.toThrow(/ran longer than/);
  });
});
