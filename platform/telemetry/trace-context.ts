import { context, isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * The active span's ids as W3C Trace Context writes them (https://www.w3.org/TR/trace-context/#traceparent-header):
 * `traceId` is 32 lowercase hex digits, `spanId` 16. Used to stamp log lines and error `extensions` so a client or an
 * operator can find the request's trace.
 */
export interface TraceIds {
  readonly traceId: string;
  readonly spanId: string;
}

/**
 * The ids of the span active in the current async context, or `undefined` when there is none (tracing off, no span
 * started, or a non-recording no-op span whose context is invalid). With no tracer provider registered the
 * `@opentelemetry/api` calls are no-ops, so this costs a context lookup and nothing more when tracing is off.
 */
export function activeTraceIds(): TraceIds | undefined {
  const spanContext = trace.getSpanContext(context.active());
  if (!spanContext || !isSpanContextValid(spanContext)) return undefined;
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}
