import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { contextFromCarrier, tracer } from './spans.ts';

/**
 * Wraps an HTTP request listener so that each request is a SERVER span (OpenTelemetry HTTP semantic conventions,
 * https://opentelemetry.io/docs/specs/semconv/http/http-spans/): named `<method> <path>`, with `http.request.method`,
 * `url.path` (never the query string: GET operations carry variables there), `url.scheme`, `server.port` and, when it
 * ends, `http.response.status_code` (status ERROR from 500 on). A valid incoming `traceparent` makes it a child of the
 * caller's span. The request and response emitters are bound to the span's context, so body parsing and every
 * middleware run inside it. Use only when tracing is on (`config.tracing`); otherwise pass the listener as is.
 */
export function traceHttpRequests(listener: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    const parent = contextFromCarrier(req.headers);
    const span = tracer.startSpan(
      `${method} ${path}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': method,
          'url.path': path,
          'url.scheme': 'http',
          ...(req.socket.localPort ? { 'server.port': req.socket.localPort } : {}),
        },
      },
      parent,
    );
    const active = trace.setSpan(parent, span);
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      if (!res.writableFinished) span.setAttribute('error.type', 'connection_closed');
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    context.bind(active, req);
    context.bind(active, res);
    context.with(active, () => listener(req, res));
  };
}

/**
 * Apollo Server plugin adding the operation to the active (HTTP server) span once resolved: `graphql.operation.name`
 * and `graphql.operation.type` (GraphQL semantic conventions, https://opentelemetry.io/docs/specs/semconv/graphql/),
 * never the document or the variables.
 */
export const graphqlSpanPlugin: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, operationName }) {
        const span = trace.getActiveSpan();
        if (!span) return;
        if (operation) span.setAttribute('graphql.operation.type', operation.operation);
        if (operationName) span.setAttribute('graphql.operation.name', operationName);
      },
    };
  },
};
