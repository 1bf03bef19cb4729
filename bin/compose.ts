/**
 * `npm run compose`: composes the four subgraph SDLs in schema/ into schema/supergraph.graphql with
 * `@apollo/composition` (offline, no rover). Exits 1 and prints every composition error on failure.
 * `npm run compose -- --check` writes nothing and exits 1 when the committed supergraph is stale.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { DEFAULT_PORTS, SUBGRAPH_NAMES } from '../platform/config.ts';

const SUPERGRAPH_FILE = 'schema/supergraph.graphql';

const services = await Promise.all(
  SUBGRAPH_NAMES.map(async (name) => ({
    name,
    url: `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`,
    typeDefs: parse(await readFile(`schema/${name}.graphql`, 'utf8')),
  })),
);
const result = composeServices(services);
if (result.errors) {
  for (const error of result.errors) console.error(`composition error: ${error.message}`);
  process.exit(1);
}
for (const hint of result.hints ?? []) console.warn(`hint: ${hint.message}`);
const supergraph = `${result.supergraphSdl.trimEnd()}\n`;
if (process.argv.includes('--check')) {
  const current = await readFile(SUPERGRAPH_FILE, 'utf8').catch(() => '');
  if (current !== supergraph) {
    console.error(`${SUPERGRAPH_FILE} is stale: run \`npm run compose\` and commit it`);
    process.exit(1);
  }
  console.log(`${SUPERGRAPH_FILE} is up to date`);
} else {
  await writeFile(SUPERGRAPH_FILE, supergraph);
  console.log(`wrote ${SUPERGRAPH_FILE}`);
}
