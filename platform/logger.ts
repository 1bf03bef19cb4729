import { pino, type DestinationStream, type Logger } from 'pino';
import type { OrchestraConfig } from './config.ts';
import { activeTraceIds } from './telemetry/trace-context.ts';

export type { Logger } from 'pino';

/**
 * Creates the process's structured JSON logger (pino). Child loggers carry `service` and, per request, `requestId`.
 * Authorization headers and tokens are redacted. A line written inside an active trace span carries `trace_id` and
 * `span_id` (W3C Trace Context hex ids, the OpenTelemetry log data model's field names) via pino's `mixin`.
 * `destination` defaults to standard output.
 */
export function createLogger(config: Pick<OrchestraConfig, 'logLevel'>, service = 'orchestra', destination?: DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    base: { service },
    mixin: traceFields,
    redact: { paths: ['req.headers.authorization', '*.token', '*.password', '*.apiKey'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** pino `mixin`: the active span's ids, or nothing outside a trace (tracing off costs one context lookup). */
function traceFields(): Record<string, string> {
  const ids = activeTraceIds();
  return ids ? { trace_id: ids.traceId, span_id: ids.spanId } : {};
}
