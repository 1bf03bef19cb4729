import { trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOtlpCollector, type FakeOtlpCollector } from './kit/fake-otlp-collector.ts';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { activeTraceIds } from '../platform/telemetry/trace-context.ts';
import { flushTraces, startTracing } from '../platform/telemetry/tracing.ts';

const logger = createLogger({ logLevel: 'silent' });

describe('startTracing', () => {
  let collector: FakeOtlpCollector;
  beforeAll(async () => {
    collector = await startFakeOtlpCollector();
  });
  afterAll(async () => {
    await collector.close();
  });

  it('registers nothing without an endpoint: spans are no-ops', async () => {
    const tracing = startTracing(loadConfig({}).tracing, logger);
    trace.getTracer('test').startActiveSpan('nothing', (span) => {
      expect(span.isRecording()).toBe(false);
      expect(activeTraceIds()).toBeUndefined();
      span.end();
    });
    await tracing.close();
  });

  it('exports over OTLP protobuf with the configured headers; shared by two holders, shut down by the last', async () => {
    const config = loadConfig({
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: collector.tracesUrl,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-tenant=acme%20corp',
    }).tracing;
    const first = startTracing(config, logger);
    const second = startTracing(config, logger);
    trace.getTracer('test').startActiveSpan('work', (span) => {
      expect(activeTraceIds()?.traceId).toMatch(/^[0-9a-f]{32}$/);
      span.end();
    });
    await first.close();
    // Still on for the second holder.
    expect(trace.getTracer('test').startSpan('still').isRecording()).toBe(true);
    await flushTraces();
    const exported = collector.rawRequests.find((raw) => raw.includes('"content-type":"application/x-protobuf"'));
    expect(exported).toContain('"x-collector-tenant":"acme corp"');
    await second.close();
    expect(trace.getTracer('test').startSpan('after').isRecording()).toBe(false);
  });
});
