import { context, propagation, ROOT_CONTEXT, SpanStatusCode, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../platform/errors.ts';
import { inLinkedSpan, SubscribeSpan, subscribeParent } from './subscription-spans.ts';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';
const OTHER_TRACE = '0af7651916cd43dd8448eb211c80319c';
const traceparent = (traceId: string, spanId = PARENT): string => `00-${traceId}-${spanId}-01`;

const EVENTS = 'subscription Events($runId: ID!) { workflowRunEvents(runId: $runId) { cursor } }';

describe('subscribe spans with tracing off', () => {
  it('are not recorded: no link, and a refusal carries no traceId', () => {
    const span = new SubscribeSpan('websocket', subscribeParent({ traceparent: traceparent(TRACE) }));
    expect(span.link).toBeUndefined();
    const error = span.refused(new NotFoundError('No workflow run with that id'));
    expect(error.extensions).toEqual({ code: 'NOT_FOUND' });
  });
});

describe('subscribe spans', () => {
  const exporter = new InMemorySpanExporter();
  let provider: NodeTracerProvider;
  beforeAll(() => {
    provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    provider.register({ propagator: new W3CTraceContextPropagator() });
  });
  afterAll(async () => {
    trace.disable();
    context.disable();
    propagation.disable();
    await provider.shutdown();
  });
  beforeEach(() => exporter.reset());

  const only = (): ReadableSpan => {
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(1);
    return spans[0] as ReadableSpan;
  };

  it('take the parent from the first carrier with a traceparent, and start a new trace without a valid one', () => {
    const parentOf = (...carriers: readonly (Readonly<Record<string, unknown>> | null | undefined)[]) => trace.getSpanContext(subscribeParent(...carriers));
    expect(parentOf({ traceparent: traceparent(OTHER_TRACE) }, { traceparent: traceparent(TRACE) })?.traceId).toBe(OTHER_TRACE);
    expect(parentOf(undefined, { traceparent: traceparent(TRACE), authorization: 'Bearer x' })).toMatchObject({
      traceId: TRACE,
      spanId: PARENT,
      isRemote: true,
    });
    expect(parentOf({ traceparent: 42 }, null)).toBeUndefined();
    expect(parentOf({ traceparent: 'garbage' })).toBeUndefined();
  });

  it('are named after the operation, with its root field and run id (a variable), and end when admitted', () => {
    const span = new SubscribeSpan('websocket', subscribeParent({ traceparent: traceparent(TRACE) }));
    span.describe(EVENTS, undefined, { runId: 'run-1' }, parse);
    span.admitted();
    span.admitted();
    const ended = only();
    expect(ended.name).toBe('subscription Events');
    expect(ended.spanContext().traceId).toBe(TRACE);
    expect(ended.parentSpanContext?.spanId).toBe(PARENT);
    expect(ended.status.code).toBe(SpanStatusCode.UNSET);
    expect(ended.attributes).toEqual({
      'graphql.operation.type': 'subscription',
      'graphql.operation.name': 'Events',
      'orchestra.subscription.transport': 'websocket',
      'orchestra.subscription.field': 'workflowRunEvents',
      'orchestra.run.id': 'run-1',
    });
  });

  it('name an anonymous operation after its root field, read literal arguments, and survive a syntax error', () => {
    const anonymous = new SubscribeSpan('sse', ROOT_CONTEXT);
    anonymous.describe('subscription { workflowEvents(workflowId: "wf-1") { cursor } }', null, null, parse);
    anonymous.admitted();
    expect(only()).toMatchObject({
      name: 'subscription workflowEvents',
      attributes: { 'orchestra.subscription.transport': 'sse', 'orchestra.workflow.id': 'wf-1' },
    });
    exporter.reset();
    const broken = new SubscribeSpan('sse', ROOT_CONTEXT);
    broken.describe('subscription {', null, null, parse);
    broken.admitted();
    expect(only().name).toBe('subscription');
  });

  it('end a refusal with status ERROR and the code, never the message, and stamp the error with the trace id', () => {
    const span = new SubscribeSpan('websocket', subscribeParent({ traceparent: traceparent(TRACE) }));
    const error = span.refused(new NotFoundError('No workflow run sk-secret-in-message'));
    expect(error.extensions).toEqual({ code: 'NOT_FOUND', traceId: TRACE });
    const ended = only();
    expect(ended.status).toEqual({ code: SpanStatusCode.ERROR, message: 'NOT_FOUND' });
    expect(ended.attributes['orchestra.error.code']).toBe('NOT_FOUND');
    expect(JSON.stringify(ended.attributes)).not.toContain('sk-secret');
  });

  it('run linked work in a new root span that links to the subscribe spans, and is its parent', async () => {
    const subscribe = new SubscribeSpan('websocket', subscribeParent({ traceparent: traceparent(TRACE) }));
    const link = subscribe.link;
    expect(link?.traceId).toBe(TRACE);
    subscribe.admitted();
    exporter.reset();
    const inner = await subscribe.run(() =>
      inLinkedSpan('subscription run selection', { 'orchestra.run.count': 1 }, link ? [link] : [], async () => trace.getActiveSpan()?.spanContext()),
    );
    const linked = only();
    expect(linked.parentSpanContext).toBeUndefined();
    expect(linked.spanContext().traceId).not.toBe(TRACE);
    expect(inner?.spanId).toBe(linked.spanContext().spanId);
    expect(linked.links.map((l) => l.context.spanId)).toEqual([link?.spanId]);
    exporter.reset();
    await expect(inLinkedSpan('subscription replay', {}, [], () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(only().status.code).toBe(SpanStatusCode.ERROR);
  });
});
