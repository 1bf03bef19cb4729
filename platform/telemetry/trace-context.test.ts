import { AsyncLocalStorage } from 'node:async_hooks';
import { ROOT_CONTEXT, context, trace, TraceFlags, type Context, type ContextManager } from '@opentelemetry/api';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatGraphQLError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { activeTraceIds } from './trace-context.ts';

/** The smallest AsyncLocalStorage context manager, so `context.with` propagates without the SDK. */
class StorageContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.storage.run(ctx, () => fn.call(thisArg, ...args));
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.storage.disable();
    return this;
  }
}

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const spanId = '00f067aa0ba902b7';
const inSpan = trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags: TraceFlags.SAMPLED });

describe('trace ids from the active context', () => {
  beforeAll(() => {
    context.setGlobalContextManager(new StorageContextManager());
  });
  afterAll(() => {
    context.disable();
  });

  it('has none outside a span (tracing off)', () => {
    expect(activeTraceIds()).toBeUndefined();
    const formatted = formatGraphQLError({ message: 'x', extensions: { code: 'BAD_USER_INPUT' } }, new GraphQLError('x'));
    expect(formatted.extensions).not.toHaveProperty('traceId');
  });

  it('reads the W3C trace and span ids of the active span', () => {
    expect(context.with(inSpan, () => activeTraceIds())).toEqual({ traceId, spanId });
  });

  it('stamps extensions.traceId on formatted errors, masked ones included', () => {
    const formatted = context.with(inSpan, () => formatGraphQLError({ message: 'boom' }, new Error('SELECT secret')));
    expect(formatted).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', traceId } });
  });

  it('stamps trace_id and span_id on log lines inside a span, and nothing outside', () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ logLevel: 'info' }, 'test', {
      write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
    });
    logger.info('outside');
    context.with(inSpan, () => logger.info('inside'));
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[1]).toMatchObject({ msg: 'inside', trace_id: traceId, span_id: spanId });
  });
});
