// The console's client of the public API: GraphQL over HTTP (`POST <base>/graphql`) and graphql-ws on the same path,
// both with the user's token (`Authorization: Bearer <token>`; on the WebSocket, `connection_init`'s `authorization`).
import { createClient, type Client } from 'graphql-ws';

/** localStorage key of the user's token. */
const TOKEN_KEY = 'orchestra.console.token';

/** The token the user entered (empty when none). */
export function readToken(): string {
  return localStorage.getItem(TOKEN_KEY) ?? '';
}

/** Keeps `token` for the next visits (empty: forgets it) and drops the WebSocket of the previous one. */
export function saveToken(token: string): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
  void wsClient?.client.dispose();
  wsClient = undefined;
}

/** A GraphQL error as the gateway sends it. */
export interface ApiErrorEntry {
  readonly message: string;
  readonly extensions?: { readonly code?: string };
}

/** A request that answered with errors (or not at all): their messages, with each code. */
export class ApiError extends Error {
  constructor(readonly errors: readonly ApiErrorEntry[]) {
    super(errors.map((e) => (e.extensions?.code ? `${e.extensions.code}: ${e.message}` : e.message)).join('; '));
    this.name = 'ApiError';
  }
}

/** The API's URL: `graphql` beside the page (the page is `<base>/console`). */
const httpUrl = new URL('graphql', window.location.href).href;
const wsUrl = httpUrl.replace(/^http/, 'ws');

/**
 * Runs a query with the user's token and returns its data (never a cached answer).
 * @throws ApiError when the answer has errors or no data (a transport failure becomes one error).
 */
export async function request<TData>(query: string, variables: Record<string, unknown> = {}): Promise<TData> {
  let body: { data?: TData | null; errors?: ApiErrorEntry[] };
  try {
    const response = await fetch(httpUrl, {
      method: 'POST',
      // `no-cache`: computed anew, not from the gateway's response cache — the console shows what is true now.
      headers: { 'content-type': 'application/json', accept: 'application/json', 'cache-control': 'no-cache', authorization: `Bearer ${readToken()}` },
      body: JSON.stringify({ query, variables }),
    });
    body = (await response.json()) as typeof body;
  } catch (error) {
    throw new ApiError([{ message: `The API did not answer: ${String(error)}` }]);
  }
  if (body.errors?.length || !body.data) throw new ApiError(body.errors ?? [{ message: 'No data in the answer' }]);
  return body.data;
}

let wsClient: { token: string; client: Client } | undefined;

/** The graphql-ws client of the current token (one connection for every subscription of the page). */
function subscriptionClient(): Client {
  const token = readToken();
  if (wsClient?.token !== token) {
    void wsClient?.client.dispose();
    wsClient = { token, client: createClient({ url: wsUrl, lazy: true, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 5 }) };
  }
  return wsClient.client;
}

/** What a subscription reports to its subscriber. */
export interface SubscriptionSink<TData> {
  readonly next: (data: TData) => void;
  readonly error: (error: ApiError) => void;
  readonly complete?: () => void;
}

/** Subscribes over graphql-ws with the user's token; returns the function ending the subscription. */
export function subscribe<TData>(query: string, variables: Record<string, unknown>, sink: SubscriptionSink<TData>): () => void {
  return subscriptionClient().subscribe<TData>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors?.length) sink.error(new ApiError(result.errors as ApiErrorEntry[]));
        else if (result.data) sink.next(result.data as TData);
      },
      error: (error) => {
        const errors = Array.isArray(error) ? (error as ApiErrorEntry[]) : [{ message: error instanceof Error ? error.message : 'The subscription closed' }];
        sink.error(new ApiError(errors));
      },
      complete: () => sink.complete?.(),
    },
  );
}
