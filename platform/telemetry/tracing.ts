import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { TracingConfig } from '../config.ts';
import type { Logger } from '../logger.ts';

/** A started tracing setup; `close()` flushes the spans not yet exported and, for the last holder, shuts it down. */
export interface Tracing {
  close(): Promise<void>;
}

interface ProcessTracing {
  readonly provider: NodeTracerProvider;
  readonly config: TracingConfig;
  holders: number;
}

/** The process's tracer provider: OpenTelemetry's globals hold one, so services started in one process share it. */
let active: ProcessTracing | undefined;

/**
 * Starts OpenTelemetry tracing for this process when `config` is defined (see `OrchestraConfig.tracing`): a Node
 * tracer provider (AsyncLocalStorage context) with the configured sampler, a batch span processor exporting over OTLP
 * (https://opentelemetry.io/docs/specs/otlp/#otlphttp, JSON or protobuf) and the W3C Trace Context propagator
 * (https://www.w3.org/TR/trace-context/), registered as the `@opentelemetry/api` globals. With `config` undefined it
 * does nothing: no provider, the API's calls stay no-ops.
 *
 * One provider per process: a second start while one runs (several graphs of a test process) shares it, whatever its
 * own configuration (a different one is logged as ignored); the last `close()` flushes, shuts it down and removes the
 * globals, so a later start registers anew.
 */
export function startTracing(config: TracingConfig | undefined, logger: Logger): Tracing {
  if (!config) return { close: async () => {} };
  if (active) {
    if (active.config.endpoint !== config.endpoint || active.config.serviceName !== config.serviceName) {
      logger.warn({ endpoint: config.endpoint }, 'tracing already started in this process with another endpoint or service name: sharing it');
    }
  } else {
    active = { provider: createProvider(config), config, holders: 0 };
    active.provider.register({ propagator: new W3CTraceContextPropagator() });
    logger.info({ endpoint: config.endpoint, protocol: config.protocol, sampler: config.sampler }, 'tracing started');
  }
  const holder = active;
  holder.holders += 1;
  let closed = false;
  return {
    close: async () => {
      if (closed) return;
      closed = true;
      holder.holders -= 1;
      if (holder.holders > 0) return void (await flushTraces());
      if (active === holder) {
        active = undefined;
        trace.disable();
        context.disable();
        propagation.disable();
      }
      await holder.provider.shutdown().catch((error: unknown) => logger.warn({ err: error }, 'tracing shutdown failed'));
    },
  };
}

/** Exports every span ended so far in this process (nothing when tracing is off); resolves once the exporter answered. */
export async function flushTraces(): Promise<void> {
  await active?.provider.forceFlush();
}

function createProvider(config: TracingConfig): NodeTracerProvider {
  const exporterOptions = { url: config.endpoint, headers: { ...config.headers } };
  const exporter = config.protocol === 'http/json' ? new OtlpJsonTraceExporter(exporterOptions) : new OtlpProtobufTraceExporter(exporterOptions);
  return new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    sampler: sampler(config),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
}

/** The sampler `OTEL_TRACES_SAMPLER` names (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/#general-sdk-configuration). */
function sampler(config: TracingConfig): Sampler {
  switch (config.sampler) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(config.samplerRatio);
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.samplerRatio) });
  }
}
