import pg from 'pg';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { markSpanFailed, tracer } from '../telemetry/spans.ts';

type QueryCallback = (error: Error | null, result?: unknown) => void;

/** Longest `db.query.text` recorded, in characters; longer statements are cut (an attribute is no place for a bulk insert). */
export const MAX_QUERY_TEXT_CHARS = 4096;

/**
 * A node-postgres `Client` whose every query is a CLIENT span (OpenTelemetry database semantic conventions,
 * https://opentelemetry.io/docs/specs/semconv/database/postgresql/): named by its operation (`SELECT`, `INSERT`, ...),
 * with `db.system.name`/`db.system` `postgresql`, `db.namespace` (the database), `db.operation.name`,
 * `db.query.text` — the statement as sent, its parameters as `$n` placeholders: their values are never recorded — and
 * `server.address`/`server.port`. Given to TypeORM's pool as `extra.Client` (pg-pool's `Client` option) when tracing
 * is on; a query outside any trace starts no trace of its own (pools, migrations, background loops stay untraced).
 */
export class TracedPgClient extends pg.Client {
  // pg's overloads (text, config, submittable; callback or promise) are forwarded as they came.
  override query(...args: unknown[]): never {
    const query: unknown = (super.query as (...a: unknown[]) => unknown).bind(this);
    const send = query as (...a: unknown[]) => never;
    const first = args[0];
    const text = typeof first === 'string' ? first : typeof first === 'object' && first !== null && 'text' in first ? String(first.text) : undefined;
    const parent = context.active();
    if (text === undefined || !trace.getSpan(parent)?.isRecording()) return send(...args);
    const operation = /^\s*([A-Za-z]+)/.exec(text)?.[1]?.toUpperCase() ?? 'QUERY';
    const span = tracer.startSpan(
      operation,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'db.system.name': 'postgresql',
          'db.system': 'postgresql',
          'db.operation.name': operation,
          'db.query.text': text.length > MAX_QUERY_TEXT_CHARS ? text.slice(0, MAX_QUERY_TEXT_CHARS) : text,
          ...(this.database ? { 'db.namespace': this.database } : {}),
          ...(this.host && !this.host.startsWith('/') ? { 'server.address': this.host, 'server.port': this.port } : {}),
        },
      },
      parent,
    );
    const finish = (error: unknown): void => {
      if (error) markSpanFailed(span, error);
      span.end();
    };
    const last = args.at(-1);
    if (typeof last === 'function') {
      const callback = last as QueryCallback;
      return send(...args.slice(0, -1), (error: Error | null, result?: unknown) => {
        finish(error);
        callback(error, result);
      });
    }
    const result = send(...args) as unknown;
    if (result instanceof Promise) {
      result.then(
        () => finish(undefined),
        (error: unknown) => finish(error),
      );
    } else finish(undefined);
    return result as never;
  }
}
