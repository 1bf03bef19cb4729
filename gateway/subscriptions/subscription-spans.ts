import {
  context,
  isSpanContextValid,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type SpanContext,
} from '@opentelemetry/api';
import { GraphQLError, Kind, type DocumentNode, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { toGraphQLError } from '../../platform/errors.ts';
import { contextFromCarrier, inSpan, markSpanFailed, tracer } from '../../platform/telemetry/spans.ts';
import type { SupergraphQuery } from './supergraph-query.ts';

/** The transport a subscription came by (attribute `orchestra.subscription.transport`). */
export type SubscriptionTransport = 'websocket' | 'sse';

/**
 * Links a span of the gateway's per-event work carries at most: the subscribe spans of the subscribers it serves
 * (the OpenTelemetry SDK's default `linkCountLimit` is 128).
 */
export const MAX_SUBSCRIPTION_LINKS = 32;

/** Carrier fields of W3C Trace Context (https://www.w3.org/TR/trace-context/). */
const CARRIER_FIELDS = ['traceparent', 'tracestate'] as const;

/**
 * The parent of a WebSocket subscribe span: the W3C `traceparent` (and `tracestate`) of the `subscribe` message's
 * `extensions`, else of the `connection_init` payload (`connectionParams`), else none (a new trace). Non-string
 * values are ignored; an invalid `traceparent` starts a new trace.
 */
export function subscribeParent(...carriers: readonly (Readonly<Record<string, unknown>> | null | undefined)[]): Context {
  for (const carrier of carriers) {
    if (typeof carrier?.['traceparent'] !== 'string') continue;
    const fields: Record<string, string> = {};
    for (const field of CARRIER_FIELDS) {
      const value = carrier[field];
      if (typeof value === 'string') fields[field] = value;
    }
    return contextFromCarrier(fields, ROOT_CONTEXT);
  }
  return ROOT_CONTEXT;
}

/**
 * The span of one subscribe (a WebSocket `subscribe` message, an SSE subscription request), from its arrival until
 * the subscription is admitted (validated, authorized, started) or refused — short, as Hive Gateway's and Apollo
 * Router's: the stream that follows is not in it, but the gateway's per-event work for the subscriber links to it
 * ({@link SubscribeSpan.link}, {@link inLinkedSpan}). Named `<operation type> <operation name or root field>`, with
 * the GraphQL semantic conventions' `graphql.operation.type` and `graphql.operation.name` (never the document or the
 * variables), `orchestra.subscription.transport`, `orchestra.subscription.field` and the `runId`/`workflowId`
 * arguments as `orchestra.run.id`/`orchestra.workflow.id`. With tracing off the span is the API's no-op.
 */
export class SubscribeSpan {
  private readonly span: Span;
  /** The span's context: work done in it (the admission's queries) is in the span. */
  readonly context: Context;
  private ended = false;

  /**
   * @param transport - how the subscription came;
   * @param parent - the caller's context: {@link subscribeParent} over WebSocket (a SERVER span), the HTTP request's
   *   SERVER span over SSE (the subscribe span is then its INTERNAL child).
   */
  constructor(transport: SubscriptionTransport, parent: Context) {
    this.span = tracer.startSpan(
      'subscription',
      {
        kind: transport === 'websocket' ? SpanKind.SERVER : SpanKind.INTERNAL,
        attributes: { 'graphql.operation.type': 'subscription', 'orchestra.subscription.transport': transport },
      },
      parent,
    );
    this.context = trace.setSpan(parent, this.span);
  }

  /** The span's context to link to, or `undefined` when it is not recorded (tracing off, not sampled). */
  get link(): SpanContext | undefined {
    return this.span.isRecording() ? this.span.spanContext() : undefined;
  }

  /** Runs `work` in the span's context. */
  run<T>(work: () => T): T {
    return context.with(this.context, work);
  }

  /**
   * Names the span after the operation and adds its attributes: the operation `operationName` selects in `document`
   * (the only one when no name is given), its root field and that field's `runId`/`workflowId` arguments (literals,
   * or variables from `variables`). Does nothing when the span is not recorded.
   * @param parse - parses the operation's text (the delivery's cache); a syntax error leaves the span as it is.
   */
  describe(
    query: string,
    operationName: string | null | undefined,
    variables: Readonly<Record<string, unknown>> | null | undefined,
    parse: (query: string) => DocumentNode,
  ): void {
    if (!this.span.isRecording()) return;
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch {
      return;
    }
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
    );
    if (!operation) return;
    const name = operationName ?? operation.name?.value;
    const field = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
    const attributes: Attributes = { 'graphql.operation.type': operation.operation };
    if (name) attributes['graphql.operation.name'] = name;
    if (field?.kind === Kind.FIELD) {
      attributes['orchestra.subscription.field'] = field.name.value;
      for (const argument of field.arguments ?? []) {
        const key = ARGUMENT_ATTRIBUTES[argument.name.value];
        const value = key ? stringValue(argument.value, variables) : undefined;
        if (key && value !== undefined) attributes[key] = value;
      }
    }
    this.span.setAttributes(attributes);
    this.span.updateName(`${operation.operation} ${name ?? (field?.kind === Kind.FIELD ? field.name.value : '')}`.trimEnd());
  }

  /** The subscription was admitted: ends the span. */
  admitted(): void {
    this.end();
  }

  /**
   * The subscription was refused with `error`: ends the span with status ERROR and `orchestra.error.code` (and
   * `error.type`) set to the error's `extensions.code` — never its message, which may quote the request.
   * @returns the error to answer (as `toGraphQLError` makes it), with `extensions.traceId` when the span is recorded.
   */
  refused(error: unknown): GraphQLError {
    const graphqlError = toGraphQLError(error);
    if (this.ended || !this.span.isRecording()) {
      this.end();
      return graphqlError;
    }
    const code = typeof graphqlError.extensions['code'] === 'string' ? graphqlError.extensions['code'] : 'INTERNAL_SERVER_ERROR';
    this.span.setAttributes({ 'orchestra.error.code': code, 'error.type': code });
    this.span.setStatus({ code: SpanStatusCode.ERROR, message: code });
    this.end();
    return withTraceId(graphqlError, this.span.spanContext().traceId);
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.span.end();
  }
}

/** Attributes of the root field's arguments. */
const ARGUMENT_ATTRIBUTES: Readonly<Record<string, string>> = { runId: 'orchestra.run.id', workflowId: 'orchestra.workflow.id' };

function stringValue(value: ValueNode, variables: Readonly<Record<string, unknown>> | null | undefined): string | undefined {
  if (value.kind === Kind.STRING || value.kind === Kind.INT) return value.value;
  if (value.kind !== Kind.VARIABLE) return undefined;
  const given = variables?.[value.name.value];
  return typeof given === 'string' || typeof given === 'number' ? String(given) : undefined;
}

/**
 * `error` with `extensions.traceId` (the subscribe span's trace, so a client can quote it, as HTTP errors carry
 * theirs); `error` itself when `traceId` is undefined.
 */
export function withTraceId(error: GraphQLError, traceId: string | undefined): GraphQLError {
  if (traceId === undefined) return error;
  return new GraphQLError(error.message, {
    ...(error.path ? { path: error.path } : {}),
    extensions: { ...error.extensions, traceId },
  });
}

/**
 * The distinct span contexts among `links` (undefined ones skipped), at most {@link MAX_SUBSCRIPTION_LINKS}: the
 * links of a span serving these subscribers. Empty when tracing is off.
 */
export function distinctLinks(links: Iterable<SpanContext | undefined>): SpanContext[] {
  const out: SpanContext[] = [];
  for (const link of links) {
    if (!link || out.some((l) => l.spanId === link.spanId)) continue;
    out.push(link);
    if (out.length >= MAX_SUBSCRIPTION_LINKS) break;
  }
  return out;
}

/**
 * Runs the gateway's own work for subscribers (a run selection query through the supergraph, a replay page read) in
 * a new root span named `name` that links to their subscribe spans (`links`): OpenTelemetry's messaging
 * conventions for long-lived streams — the work belongs to no request, so it links rather than parents
 * (https://opentelemetry.io/docs/specs/semconv/messaging/messaging-spans/#trace-structure). The subgraph fetches
 * it makes are its children. Ends the span when `work` settles (status ERROR when it throws, then rethrows). With
 * tracing off the span is the API's no-op: a function call and a context switch.
 */
export async function inLinkedSpan<T>(name: string, attributes: Attributes, links: readonly SpanContext[], work: (span: Span) => Promise<T>): Promise<T> {
  const span = tracer.startSpan(
    name,
    { kind: SpanKind.INTERNAL, attributes, links: links.filter(isSpanContextValid).map((spanContext) => ({ context: spanContext })), root: true },
    ROOT_CONTEXT,
  );
  try {
    return await context.with(trace.setSpan(ROOT_CONTEXT, span), () => work(span));
  } catch (error) {
    markSpanFailed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** The type and name of a query's first operation, from its text (`query Name(…`). */
const OPERATION = /^\s*(query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)/;

/**
 * `query` with each call in an INTERNAL span `<type> <name>` (the first operation of its text), a child of the
 * active span (the subscribe span, a linked one): the gateway's operation spans go in it, and the HTTP span plugin
 * names the operation on it (`graphql.operation.*`) rather than on the span it runs in.
 */
export function withQuerySpans(query: SupergraphQuery): SupergraphQuery {
  return (text, variables, principal) => {
    const operation = OPERATION.exec(text);
    return inSpan(operation ? `${operation[1]} ${operation[2]}` : 'query', { kind: SpanKind.INTERNAL }, () => query(text, variables, principal));
  };
}
