/**
 * `npm run manifest`: writes test/generated/operation-manifest.json, the operation manifest of the compiled path
 * (`GATEWAY_OPERATION_MANIFEST`, see gateway/execution/operation-manifest.ts) for clients that send the codegen
 * documents' text as the test client does (test/kit/client.ts): `{ sha256(print(document)): print(document) }` of
 * test/generated/graphql.ts's operations, since the plan cache is keyed by the exact text. Run it after `npm run codegen`.
 * The trusted-document manifest is the client preset's: `npm run codegen` writes
 * test/generated/persisted-documents.json (`{ "sha256:<hex>": "<normalised document>" }`, `TRUSTED_DOCUMENTS_PATH`),
 * whose ids are the `documentId`s clients send.
 * `npm run manifest -- --check` writes nothing and exits 1 when operation-manifest.json is stale or an id of
 * persisted-documents.json is not the SHA-256 of its document (the gateway's hash: gateway/trusted-documents.ts).
 * `npm run manifest -- --publish` also writes the persisted documents to the Redis hash `<REDIS_KEY_PREFIX>trusted-documents`
 * (field = sha256 hex, value = text; needs `REDIS_URL`), which running gateways read on an unknown id, without a restart.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { Kind, print, type DocumentNode } from 'graphql';
import { documentHash, trustedDocumentsKey } from '../gateway/trusted-documents.ts';
import { loadConfig } from '../platform/config.ts';
import { createRedisClient } from '../platform/redis/redis-client.ts';
import * as generated from '../test/generated/graphql.ts';

const MANIFEST_FILE = 'test/generated/operation-manifest.json';
const PERSISTED_FILE = 'test/generated/persisted-documents.json';

const documents = Object.entries(generated)
  .filter((entry): entry is [string, DocumentNode] => (entry[1] as { kind?: unknown } | undefined)?.kind === Kind.DOCUMENT)
  // Operations only: the fragment documents (`…FragmentDoc`) are parts of them.
  .filter(([, document]) => document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION))
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([, document]) => print(document));
const manifest = Object.fromEntries(documents.map((text) => [createHash('sha256').update(text).digest('hex'), text]));
const json = `${JSON.stringify(manifest, null, 2)}\n`;
// The client preset's manifest, by sha256 hex (its ids carry a `sha256:` prefix), each id checked against its text.
const persisted = JSON.parse(await readFile(PERSISTED_FILE, 'utf8')) as Record<string, string>;
const published: Record<string, string> = {};
for (const [id, text] of Object.entries(persisted)) {
  const hash = documentHash(text);
  if (id.replace(/^sha256:/, '') !== hash) {
    console.error(`${PERSISTED_FILE}: ${id} is not the SHA-256 of its document (${hash}): run \`npm run codegen\``);
    process.exit(1);
  }
  published[hash] = text;
}
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
if (process.argv.includes('--publish')) {
  const config = loadConfig(process.env);
  if (!config.redis.url) {
    console.error('--publish needs REDIS_URL');
    process.exit(1);
  }
  const redis = await createRedisClient({ url: config.redis.url, connectionName: 'orchestra-manifest-publish' });
  await redis.hset(trustedDocumentsKey(config.redis.keyPrefix), published);
  await redis.quit();
  console.log(`published ${Object.keys(published).length} documents of ${PERSISTED_FILE} to ${trustedDocumentsKey(config.redis.keyPrefix)}`);
}
