/**
 * `npm run manifest`: writes test/generated/operation-manifest.json, an operation manifest
 * (`GATEWAY_OPERATION_MANIFEST`, see gateway/execution/operation-manifest.ts) of the repository's codegen documents
 * (test/operations/*.graphql, as `npm run codegen` generates them into test/generated/graphql.ts): an object of the
 * sha256 of each document's text to that text. The text is `print()` of the typed document — what the test client
 * sends (test/kit/client.ts) — since the gateway's plan cache is keyed by the exact text. Run it after `npm run codegen`.
 * `npm run manifest -- --check` writes nothing and exits 1 when the file is stale.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { Kind, print, type DocumentNode } from 'graphql';
import * as generated from '../test/generated/graphql.ts';

const MANIFEST_FILE = 'test/generated/operation-manifest.json';

const documents = Object.entries(generated)
  .filter((entry): entry is [string, DocumentNode] => (entry[1] as { kind?: unknown } | undefined)?.kind === Kind.DOCUMENT)
  // Operations only: the fragment documents (`…FragmentDoc`) are parts of them.
  .filter(([, document]) => document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION))
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([, document]) => print(document));
const manifest = Object.fromEntries(documents.map((text) => [createHash('sha256').update(text).digest('hex'), text]));
const json = `${JSON.stringify(manifest, null, 2)}\n`;
if (process.argv.includes('--check')) {
  const current = await readFile(MANIFEST_FILE, 'utf8').catch(() => '');
  if (current !== json) {
    console.error(`${MANIFEST_FILE} is stale: run \`npm run manifest\``);
    process.exit(1);
  }
  console.log(`${MANIFEST_FILE} is up to date`);
} else {
  await writeFile(MANIFEST_FILE, json);
  console.log(`wrote ${MANIFEST_FILE}: ${documents.length} documents`);
}
