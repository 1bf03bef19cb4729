import { createHash, randomUUID } from 'node:crypto';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import { signToken } from '../../platform/auth/tokens.ts';
import type { TestGraph } from './graph.ts';

/** A fresh tenant id, unique to the calling test, so tests never see each other's data. */
export function newTenant(): string {
  return `t-${randomUUID()}`;
}

/** The HTTP status and GraphQL body of one request. */
export interface GraphResponse<TData> {
  readonly status: number;
  readonly data: TData | null | undefined;
  readonly errors: readonly GraphQLFormattedError[] | undefined;
}

/** Who a client acts as. */
export interface ClientIdentity {
  readonly tenant: string;
  /** @defaultValue `['admin']` */
  readonly scopes?: readonly string[];
  readonly subject?: string;
}

/** A GraphQL-over-HTTP client of one identity against the gateway (or, with `url`, a subgraph). */
export interface GraphClient {
  readonly token: string;
  /** POSTs `document` with `variables`, and `headers` besides the token (e.g. `cache-control: no-cache`: execute, not the response cache). */
  request<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables> | DocumentNode | string,
    variables?: TVariables,
    headers?: Record<string, string>,
  ): Promise<GraphResponse<TData>>;
  /** Like `request`, but throws (with the errors in the message) unless the response has data and no errors. */
  requestOk<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables> | DocumentNode | string,
    variables?: TVariables,
    headers?: Record<string, string>,
  ): Promise<TData>;
}

/** Signs a client JWT for `identity` with the graph's configured secret. */
export function clientToken(graph: TestGraph, identity: ClientIdentity, ttlSeconds = 600): Promise<string> {
  return signToken(
    { tenantId: identity.tenant, subject: identity.subject ?? 'test-user', scopes: identity.scopes ?? ['admin'] },
    { secret: graph.config.auth.jwtSecret, ttlSeconds, issuer: graph.config.auth.jwtIssuer, audience: graph.config.auth.jwtAudience },
  );
}

/** POSTs one GraphQL request to `url` with an optional bearer token. */
export async function postGraphQL<TData>(
  url: string,
  body: { query?: string; documentId?: string; variables?: unknown; extensions?: Record<string, unknown> },
  headers: Record<string, string> = {},
): Promise<GraphResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { data?: TData | null; errors?: GraphQLFormattedError[] };
  return { status: response.status, data: json.data, errors: json.errors };
}

/** Options of {@link createClient}. */
export interface ClientOptions {
  /**
   * Send typed (codegen) documents by id — `{ documentId: documentIdOf(document) }`, the ids of the client preset's
   * persisted-document manifest test/generated/persisted-documents.json (`TRUSTED_DOCUMENTS_PATH`) —
   * instead of their text; string documents are still sent as text. @defaultValue false
   */
  readonly documentIds?: boolean;
}

/**
 * A typed document's persisted text: the client preset's normalisation (`printExecutableGraphQLDocument` of
 * @graphql-tools/documents, which `persistedDocuments` prints with), the value of its entry in the manifest. Send this
 * text (not `print()`'s) where the gateway must recognise a manifest document by its text (`TRUSTED_DOCUMENTS=enforce`).
 */
export function persistedTextOf(document: DocumentNode): string {
  return printExecutableGraphQLDocument(document);
}

/** The `documentId` of a typed document: `sha256:` and the hex SHA-256 of its {@link persistedTextOf} (its manifest key). */
export function documentIdOf(document: DocumentNode): string {
  return `sha256:${createHash('sha256').update(persistedTextOf(document)).digest('hex')}`;
}

/** Creates a client of the graph's gateway acting as `identity`. */
export async function createClient(graph: TestGraph, identity: ClientIdentity, url = graph.gatewayUrl, options: ClientOptions = {}): Promise<GraphClient> {
  const token = await clientToken(graph, identity);
  const request = <TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables> | DocumentNode | string,
    variables?: TVariables,
    headers: Record<string, string> = {},
  ): Promise<GraphResponse<TData>> =>
    postGraphQL<TData>(
      url,
      typeof document === 'string'
        ? { query: document, variables }
        : options.documentIds
          ? { documentId: documentIdOf(document), variables }
          : { query: print(document), variables },
      { ...headers, authorization: `Bearer ${token}` },
    );
  return {
    token,
    request,
    async requestOk(document, variables, headers) {
      const response = await request(document, variables, headers);
      if (response.errors?.length || !response.data) {
        throw new Error(`GraphQL request failed (HTTP ${response.status}): ${JSON.stringify(response.errors)}`);
      }
      return response.data;
    },
  };
}

/** Polls `probe` until it returns a defined value or `timeoutMs` passes (then throws with `description`). */
export async function waitFor<T>(description: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
