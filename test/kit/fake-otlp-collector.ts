import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { listenOnLoopback, type LoopbackServer } from './loopback-server.ts';

/** One attribute value of OTLP JSON (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding). */
interface OtlpAnyValue {
  readonly stringValue?: string;
  readonly intValue?: string | number;
  readonly doubleValue?: number;
  readonly boolValue?: boolean;
}

/** A span as received, its attributes flattened to plain values. */
export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  /** '' for a root span. */
  readonly parentSpanId: string;
  readonly name: string;
  /** OTLP `SpanKind`: 1 INTERNAL, 2 SERVER, 3 CLIENT, 4 PRODUCER, 5 CONSUMER. */
  readonly kind: number;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  readonly statusCode: number;
  readonly links: readonly { readonly traceId: string; readonly spanId: string }[];
  readonly serviceName: string;
}

/** A fake OpenTelemetry collector: the spans it was sent, every export request's raw body and headers. */
export interface FakeOtlpCollector extends LoopbackServer {
  /** The traces URL to configure (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`). */
  readonly tracesUrl: string;
  readonly spans: ReceivedSpan[];
  /** Every request's raw body and headers as received, for asserting what never appears in them. */
  readonly rawRequests: string[];
}

/**
 * Starts a fake OTLP/HTTP collector on the loopback accepting `POST /v1/traces` in OTLP JSON
 * (`OTEL_EXPORTER_OTLP_PROTOCOL=http/json`), keeping every span received; answers 200 `{}` (a full success).
 * Protobuf exports are answered 200 and kept in `rawRequests` only.
 */
export async function startFakeOtlpCollector(): Promise<FakeOtlpCollector> {
  const spans: ReceivedSpan[] = [];
  const rawRequests: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      rawRequests.push(`${JSON.stringify(req.headers)}\n${body}`);
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      // Protobuf exports are kept raw (not decoded): a test of that encoding asserts their arrival and headers.
      if (req.headers['content-type'] === 'application/x-protobuf') {
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
        return;
      }
      try {
        spans.push(...decodeSpans(JSON.parse(body) as OtlpTracesRequest));
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const loopback = await listenOnLoopback(server);
  return { ...loopback, tracesUrl: `${loopback.origin}/v1/traces`, spans, rawRequests };
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: OtlpAnyValue }[];
  status?: { code?: number };
  links?: { traceId: string; spanId: string }[];
}

interface OtlpTracesRequest {
  resourceSpans?: { resource?: { attributes?: { key: string; value: OtlpAnyValue }[] }; scopeSpans?: { spans?: OtlpSpan[] }[] }[];
}

function decodeSpans(request: OtlpTracesRequest): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const resource = flatten(resourceSpans.resource?.attributes);
    for (const scope of resourceSpans.scopeSpans ?? []) {
      for (const span of scope.spans ?? []) {
        out.push({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId ?? '',
          name: span.name,
          kind: span.kind,
          attributes: flatten(span.attributes),
          statusCode: span.status?.code ?? 0,
          links: (span.links ?? []).map((l) => ({ traceId: l.traceId, spanId: l.spanId })),
          serviceName: String(resource['service.name'] ?? ''),
        });
      }
    }
  }
  return out;
}

function flatten(attributes: { key: string; value: OtlpAnyValue }[] | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const { key, value } of attributes ?? []) {
    if (value.stringValue !== undefined) out[key] = value.stringValue;
    else if (value.intValue !== undefined) out[key] = Number(value.intValue);
    else if (value.doubleValue !== undefined) out[key] = value.doubleValue;
    else if (value.boolValue !== undefined) out[key] = value.boolValue;
  }
  return out;
}

/** A W3C `traceparent` (Trace Context §3.2) of a new, sampled trace, with its trace id and the parent span id it names. */
export function newTraceparent(): { traceparent: string; traceId: string; parentSpanId: string } {
  const traceId = randomBytes(16).toString('hex');
  const parentSpanId = randomBytes(8).toString('hex');
  return { traceparent: `00-${traceId}-${parentSpanId}-01`, traceId, parentSpanId };
}
