import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLFormattedError } from 'graphql';
import { clientToken, createClient, newTenant, postGraphQL } from './kit/client.ts';
import { CapturedIds, commandsOf, docFiles, extractExamples, operationsOf, type DocExample } from './kit/doc-examples.ts';
import { startFakeProvider, type FakeProvider } from './kit/fake-provider.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { gatewayWsClient } from './kit/ws-client.ts';

/**
 * Every ```graphql and ```sh example of README.md and docs/*.md runs against the test graph (README "API": how to
 * mark one that cannot run here). The docs' model, `gpt-4o-mini` of the operator provider `openai`, is served by a
 * fake OpenAI-compatible provider. Shell blocks run in one bash process each, in the repository root, with
 * `localhost:4000` replaced by the test gateway and its `AUTH_JWT_SECRET` and `GATEWAY_URL`, so `npm run -s token`
 * and `npm run demo` work against it; `$ORCHESTRA_API_KEY` is an admin key of the section's tenant.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const examples: DocExample[] = docFiles(ROOT).flatMap((file) => extractExamples(ROOT, file));
/** The tenant the README's shell examples mint tokens for (`npm run -s token -- --tenant acme`). */
const SHELL_TENANT = 'acme';
/** How long a subscription example is watched for an error when no event comes. */
const SUBSCRIPTION_QUIET_MS = 3_000;

let provider: FakeProvider;
let graph: TestGraph;
/** Per section: its tenant's token and the ids its examples made. */
const sections = new Map<string, { token: string; tenant: string; ids: CapturedIds }>();

beforeAll(async () => {
  provider = await startFakeProvider();
  graph = await startGraph({
    env: {
      LLM_PROVIDERS: JSON.stringify({ openai: { baseUrl: provider.url } }),
      TRUSTED_DOCUMENTS_PATH: 'test/generated/persisted-documents.json',
    },
  });
  // The shell examples' tenant calls the docs' model over /v1 without registering it.
  const acme = await createClient(graph, { tenant: SHELL_TENANT });
  await acme.requestOk('mutation ($input: ModelProfileInput!) { upsertModel(input: $input) { id } }', {
    input: {
      name: 'gpt-4o-mini',
      provider: 'openai',
      inputCostPer1kTokensUsd: 0.00015,
      outputCostPer1kTokensUsd: 0.0006,
      latencyMs: 800,
      quality: 0.7,
      contextWindowTokens: 128000,
    },
  });
});

afterAll(async () => {
  await graph?.close();
  await provider?.close();
});

async function sectionOf(example: DocExample): Promise<{ token: string; tenant: string; ids: CapturedIds }> {
  const key = `${example.file}#${example.section}`;
  let section = sections.get(key);
  if (!section) {
    const tenant = newTenant();
    section = { tenant, token: await clientToken(graph, { tenant }), ids: new CapturedIds() };
    sections.set(key, section);
  }
  return section;
}

describe('doc examples', () => {
  it('every skip names its reason', () => {
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) if (example.mode.kind === 'skip') expect(example.mode.reason, `${example.file}:${example.line}`).not.toBe('');
  });

  for (const example of examples) {
    const name = `${example.file}:${example.line} ${example.language}`;
    if (example.mode.kind === 'skip') {
      it.skip(`${name} (${example.mode.reason})`, () => {});
      continue;
    }
    it(name, { timeout: 120_000 }, async () => {
      if (example.language === 'graphql') await runGraphQL(example);
      else await runShell(example);
    });
  }
});

async function runGraphQL(example: DocExample): Promise<void> {
  const section = await sectionOf(example);
  const errors: Array<readonly GraphQLFormattedError[]> = [];
  for (const prepare of operationsOf(example)) {
    const operation = prepare(section.ids);
    if (operation.operation === 'subscription') {
      errors.push(await subscribeOnce(section.token, operation.query, operation.variables));
      continue;
    }
    const response = await postGraphQL<Record<string, unknown>>(
      graph.gatewayUrl,
      { query: operation.query, variables: operation.variables },
      { authorization: `Bearer ${section.token}` },
    );
    section.ids.capture(response.data);
    if (example.mode.kind !== 'error') {
      expect(response.errors ?? [], `${operation.name}:\n${operation.query}`).toEqual([]);
      expect(response.status, operation.name).toBeLessThan(400);
    }
    errors.push(response.errors ?? []);
  }
  if (example.mode.kind === 'error') {
    const codes = errors.flat().map((error) => error.extensions?.['code']);
    expect(codes, `${example.file}:${example.line}`).toContain(example.mode.code);
  }
}

/** Subscribes until the first `next` or {@link SUBSCRIPTION_QUIET_MS} without an error; returns the errors seen. */
async function subscribeOnce(token: string, query: string, variables: Record<string, string>): Promise<readonly GraphQLFormattedError[]> {
  const client = gatewayWsClient(graph.gatewayUrl, { authorization: `Bearer ${token}` });
  try {
    return await new Promise((resolve) => {
      const quiet = setTimeout(() => resolve([]), SUBSCRIPTION_QUIET_MS);
      const done = (errors: readonly GraphQLFormattedError[]): void => {
        clearTimeout(quiet);
        resolve(errors);
      };
      client.subscribe(
        { query, variables },
        {
          next: (result) => done(result.errors ?? []),
          error: (error) => done(Array.isArray(error) ? error : [{ message: String(error) }]),
          complete: () => done([]),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

/** A `curl` that fails on an HTTP status ≥ 400 or a body with GraphQL `errors`, printing the body either way. */
const CURL_CHECK = `curl() {
  local out code body
  out=$(command curl -sS -w '\\n%{http_code}' "$@") || return $?
  code=\${out##*$'\\n'}; body=\${out%$'\\n'*}
  printf '%s\\n' "$body"
  if [ "$code" -ge 400 ]; then echo "HTTP $code" >&2; return 22; fi
  if printf '%s' "$body" | grep -q '"errors"'; then echo "errors in the body" >&2; return 1; fi
}`;

async function runShell(example: DocExample): Promise<void> {
  const section = await sectionOf(example);
  const origin = new URL(graph.gatewayUrl).origin;
  const apiKey = await createApiKey(section.token);
  const commands = commandsOf(example).map((command) => command.replace(/(https?:\/\/)?(localhost|127\.0\.0\.1):4000/g, origin));
  // Each command's number is set before it runs, so the ERR trap names the one that failed (1-based, as listed).
  const numbered = commands.flatMap((command, index) => [`__command=${index + 1}`, command]);
  const script = [CURL_CHECK, `trap 'echo "command $__command failed" >&2' ERR`, 'set -e', ...numbered].join('\n');
  const env = {
    ...process.env,
    AUTH_JWT_SECRET: graph.config.auth.jwtSecret,
    GATEWAY_URL: graph.gatewayUrl,
    DEMO_TENANT: section.tenant,
    ORCHESTRA_API_KEY: apiKey,
  };
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (status) => resolve({ code: status, output }));
  });
  expect(code, `${example.file}:${example.line}\n${commands.join('\n')}\n--- output:\n${output}`).toBe(0);
}

/** An admin API key of the section's tenant, for `$ORCHESTRA_API_KEY` (the key a reader made with `createApiKey`). */
async function createApiKey(token: string): Promise<string> {
  const response = await postGraphQL<{ createApiKey: { key: string } }>(
    graph.gatewayUrl,
    { query: 'mutation { createApiKey(input: { name: "docs", scopes: ["admin"] }) { key } }' },
    { authorization: `Bearer ${token}` },
  );
  if (!response.data?.createApiKey) throw new Error(`createApiKey failed: ${JSON.stringify(response.errors)}`);
  return response.data.createApiKey.key;
}
