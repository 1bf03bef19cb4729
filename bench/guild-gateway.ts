/**
 * Entry of one gateway process of the Guild benchmark (started by guild-benchmark.ts), as argv says:
 * - `apollo <supergraph file>`: bare Apollo, as The Guild's benchmark runs it (`gateways/apollo-gateway/index.ts`,
 *   without its cluster fork): `new ApolloGateway({ supergraphSdl })`, `new ApolloServer({ gateway })` and
 *   `startStandaloneServer`, nothing else;
 * - `orchestra`: Orchestra's gateway, `startGateway` with the configuration `loadConfig` reads from this process's
 *   environment (the bench sets `SUPERGRAPH_PATH`, `GATEWAY_PORT=0` and the deduplication switches); the supergraph's
 *   subgraph names are none of Orchestra's, so each is reached at its `join__graph` URL.
 *
 * Both listen on a free loopback port and print `READY <graphql url>` on stdout; exit on SIGTERM.
 */
import { readFile } from 'node:fs/promises';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { startGateway } from '../gateway/gateway-server.ts';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';

const [mode, supergraphPath] = process.argv.slice(2);
let url: string;
let close: () => Promise<void>;
if (mode === 'apollo' && supergraphPath) {
  const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: await readFile(supergraphPath, 'utf8') }) });
  ({ url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } }));
  close = () => server.stop();
} else if (mode === 'orchestra') {
  const config = loadConfig(process.env);
  const service = await startGateway({ config, logger: createLogger(config, 'gateway') });
  ({ url } = service);
  close = () => service.close();
} else {
  throw new Error('usage: guild-gateway.ts apollo <supergraph file> | orchestra');
}
process.once('SIGTERM', () => void close().finally(() => process.exit(0)));
process.stdout.write(`READY ${url}\n`);
