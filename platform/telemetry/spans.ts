import { context, propagation, SpanStatusCode, trace, type Context, type Span, type SpanOptions } from '@opentelemetry/api';

/** The tracer of Orchestra's own spans (instrumentation scope `orchestra`). */
export const tracer = trace.getTracer('orchestra');

/**
 * Runs `work` inside a new active span named `name` (a child of the active span, or of `parent` when given), ends it
 * when `work` settles and, when `work` throws, records the exception on it with status ERROR before rethrowing. With
 * tracing off the span is a no-op and this costs a function call.
 */
export async function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>, parent: Context = context.active()): Promise<T> {
  return tracer.startActiveSpan(name, options, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      markSpanFailed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Records `error` on `span` (its type and message, never a stack) and sets its status to ERROR. */
export function markSpanFailed(span: Span, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  span.setAttribute('error.type', error instanceof Error ? error.name : 'Error');
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

/** W3C Trace Context carrier fields (`traceparent`, `tracestate`) of the active context, or of `ctx`; empty when tracing is off. */
export function traceCarrier(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/**
 * The context of an incoming carrier (HTTP request headers, a job's data): its `traceparent`/`tracestate`, when valid,
 * as the remote parent of the spans started in it. Node's lower-cased header object is read as is.
 */
export function contextFromCarrier(carrier: Readonly<Record<string, string | string[] | undefined>> | undefined, base: Context = context.active()): Context {
  if (!carrier) return base;
  return propagation.extract(base, carrier, {
    keys: (c) => Object.keys(c),
    get: (c, key) => c[key.toLowerCase()] ?? c[key],
  });
}
