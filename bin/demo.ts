/**
 * `npm run demo` (against a running `npm start`): creates a session with a transcript, stores memories, registers the
 * local `echo` model, creates a workflow `prepare` (transform) → `remember` (memory.store) ∥ `recall`
 * (memory.search) → `answer` (llm via the router, answered by `echo`), starts a run for the session, waits for it,
 * and prints one federated query that spans all four subgraphs.
 * Environment: the usual configuration (GATEWAY_URL, AUTH_JWT_SECRET); DEMO_TENANT (default `demo`).
 */
import { createHash } from 'node:crypto';
import { loadConfig } from '../platform/config.ts';
import { signToken } from '../platform/auth/tokens.ts';

const config = loadConfig(process.env);
const url = config.endpoints.gatewayUrl;
const tenant = process.env['DEMO_TENANT'] ?? 'demo';
const token = await signToken(
  { tenantId: tenant, subject: 'demo', scopes: ['admin'] },
  { secret: config.auth.jwtSecret, ttlSeconds: 600, issuer: config.auth.jwtIssuer, audience: config.auth.jwtAudience },
);

/**
 * Sends one operation through the gateway as an automatic persisted query (README "Trusted documents and APQ"): its
 * sha256 first, then — on PERSISTED_QUERY_NOT_FOUND — the text with it; exits with the errors printed when there are any.
 */
async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
  let body = await post<T>({ variables, extensions: { persistedQuery } });
  if ((body.errors?.[0] as { extensions?: { code?: unknown } } | undefined)?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND') {
    body = await post<T>({ query, variables, extensions: { persistedQuery } });
  }
  if (body.errors?.length || !body.data) {
    console.error(JSON.stringify(body.errors, null, 2));
    process.exit(1);
  }
  return body.data;
}

async function post<T>(request: Record<string, unknown>): Promise<{ data?: T; errors?: unknown[] }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(request),
    });
  } catch {
    console.error(`Cannot reach the gateway at ${url}: start Orchestra first with \`npm start\`.`);
    process.exit(1);
  }
  return (await response.json()) as { data?: T; errors?: unknown[] };
}

const { startSession: session } = await graphql<{ startSession: { id: string } }>(
  `
    mutation ($input: StartSessionInput!) {
      startSession(input: $input) {
        id
      }
    }
  `,
  { input: { kind: 'USER', title: 'Trip planning', participants: [{ id: 'ada', role: 'USER', displayName: 'Ada' }] } },
);
await graphql(
  `
    mutation ($id: ID!, $segments: [TranscriptSegmentInput!]!) {
      appendTranscript(sessionId: $id, segments: $segments) {
        id
      }
    }
  `,
  {
    id: session.id,
    segments: [
      { speaker: 'ada', text: 'I want to visit Lisbon in May.', language: 'en', startMs: 0, endMs: 2400 },
      { speaker: 'bot', text: 'Noted: Lisbon, May.', language: 'en', startMs: 2500, endMs: 3900 },
    ],
  },
);
for (const [key, content] of [
  ['preferences', 'Ada prefers window seats and vegetarian food'],
  ['destination', 'Ada plans a trip to Lisbon in May'],
]) {
  await graphql(
    `
      mutation ($input: StoreMemoryInput!) {
        storeMemory(input: $input) {
          id
        }
      }
    `,
    {
      input: { namespace: 'travel', key, content, sessionId: session.id },
    },
  );
}
await graphql(
  `
    mutation ($input: ModelProfileInput!) {
      upsertModel(input: $input) {
        id
      }
    }
  `,
  {
    input: {
      name: 'echo-1',
      provider: 'echo',
      inputCostPer1kTokensUsd: 0.0001,
      outputCostPer1kTokensUsd: 0.0002,
      latencyMs: 5,
      quality: 0.5,
      contextWindowTokens: 32_000,
    },
  },
);
const { createWorkflow: workflow } = await graphql<{ createWorkflow: { id: string } }>(
  `
    mutation ($input: CreateWorkflowInput!) {
      createWorkflow(input: $input) {
        id
      }
    }
  `,
  {
    input: {
      name: 'trip-assistant',
      steps: [
        { id: 'prepare', kind: 'transform', config: { expression: '{ "topic": input.topic, "note": "Asked about " & input.topic }' } },
        {
          id: 'remember',
          kind: 'memory.store',
          dependsOn: ['prepare'],
          config: { namespace: 'travel', key: '{{ "note-" & run.id }}', content: '{{ steps.prepare.note }}', sessionId: '{{ input.sessionId }}' },
        },
        { id: 'recall', kind: 'memory.search', dependsOn: ['prepare'], config: { query: '{{ steps.prepare.topic }}', namespace: 'travel' } },
        {
          id: 'answer',
          kind: 'llm',
          dependsOn: ['remember', 'recall'],
          config: { prompt: 'Plan a day in {{ steps.prepare.topic }}. Known facts: {{ $join(steps.recall.hits.item.content, "; ") }}', models: ['echo-1'] },
        },
      ],
    },
  },
);
const { startWorkflowRun: run } = await graphql<{ startWorkflowRun: { id: string } }>(
  `
    mutation ($input: StartWorkflowRunInput!) {
      startWorkflowRun(input: $input) {
        id
      }
    }
  `,
  { input: { workflowId: workflow.id, sessionId: session.id, input: { topic: 'Lisbon', sessionId: session.id } } },
);

const FINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT']);
const deadline = Date.now() + 60_000;
for (;;) {
  const { workflowRun } = await graphql<{ workflowRun: { status: string } }>(
    `
      query ($id: ID!) {
        workflowRun(id: $id) {
          status
        }
      }
    `,
    {
      id: run.id,
    },
  );
  if (FINAL.has(workflowRun.status)) break;
  if (Date.now() > deadline) {
    console.error(`run ${run.id} did not finish within 60 s (status ${workflowRun.status}); is the worker enabled?`);
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}

const result = await graphql(
  `
    query Demo($sessionId: ID!) {
      session(id: $sessionId) {
        id
        title
        status
        transcript {
          sequence
          speaker
          text
        }
        memories {
          namespace
          key
          content
          version
        }
        routingDecisions {
          model {
            name
            provider
          }
          score
          reason
          outcome {
            success
            latencyMs
            costUsd
          }
        }
        costUsd
        runs {
          id
          status
          output
          steps {
            stepId
            kind
            status
            attempt
            output
            error
            durationMs
            routingDecision {
              id
              model {
                name
                provider
              }
            }
          }
          events {
            cursor
            type
            stepId
          }
        }
      }
    }
  `,
  { sessionId: session.id },
);
console.log(JSON.stringify(result, null, 2));
