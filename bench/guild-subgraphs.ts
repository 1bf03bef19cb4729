/**
 * Entry of the Guild benchmark's subgraph process (`node --import tsx bench/guild-subgraphs.ts`, started by
 * guild-benchmark.ts): the four subgraphs of guild-schema.ts, each an `@apollo/subgraph` schema behind its own
 * `node:http` server on a free loopback port, all in this one process so that they never share the gateway's core.
 * "Memoized subgraphs", as in The Guild's benchmark: each server answers from a memo keyed by the request body — the
 * first request with a body is executed (graphql-js `execute` over the subgraph schema), and every later one gets the
 * same bytes back — so the subgraphs cost next to nothing and the gateway is what is measured. No authentication:
 * Orchestra's internal tokens are ignored. Prints `READY {"accounts": url, …}` on stdout once all four listen;
 * exits on SIGTERM.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { graphql, type GraphQLSchema } from 'graphql';
import { buildGuildSubgraph, GUILD_SUBGRAPH_NAMES } from './guild-schema.ts';

/** Most distinct bodies memoized per subgraph; answers to further ones are computed each time. */
const MAX_MEMO_ENTRIES = 10_000;
/** Keep-alive of idle gateway connections, in ms (well above any pause of the bench). */
const KEEP_ALIVE_MS = 120_000;

const servers = await Promise.all(GUILD_SUBGRAPH_NAMES.map(async (name) => [name, await serveMemoized(buildGuildSubgraph(name))] as const));
const urls: Record<string, string> = Object.fromEntries(
  servers.map(([name, server]) => [name, `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`]),
);
process.once('SIGTERM', () => {
  for (const [, server] of servers) server.closeAllConnections();
  process.exit(0);
});
process.stdout.write(`READY ${JSON.stringify(urls)}\n`);

/** Starts a loopback server on a free port answering GraphQL POSTs against `schema` from a memo by request body. */
async function serveMemoized(schema: GraphQLSchema): Promise<Server> {
  const memo = new Map<string, Buffer>();
  const server = createServer({ keepAliveTimeout: KEEP_ALIVE_MS }, (req, res) => {
    readBody(req)
      .then(async (body) => {
        let answer = memo.get(body);
        if (!answer) {
          answer = await execute(schema, body);
          if (memo.size < MAX_MEMO_ENTRIES) memo.set(body, answer);
        }
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length });
        res.end(answer);
      })
      .catch((error: unknown) => {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** Executes the GraphQL request `body` (`{ query, variables, operationName }`) and returns its result as JSON bytes. */
async function execute(schema: GraphQLSchema, body: string): Promise<Buffer> {
  const request = JSON.parse(body) as { query: string; variables?: Record<string, unknown> | null; operationName?: string | null };
  const result = await graphql({ schema, source: request.query, variableValues: request.variables ?? null, operationName: request.operationName ?? null });
  return Buffer.from(JSON.stringify(result));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}
