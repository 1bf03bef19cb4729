/**
 * `npm run manifest`: writes test/generated/operation-manifest.json, an operation manifest
 * (`GATEWAY_OPERATION_MANIFEST`, see gateway/execution/operation-manifest.ts) of the repository's codegen documents
 * (test/operations/*.graphql, as `npm run codegen` generates them into test/generated/graphql.ts): an object of the
 * sha256 of each document's text to that text. The text is `print()` of the typed document — what the test client
 * sends (test/kit/client.ts) — since the gateway's plan cache is keyed by the exact text. Run it after `npm run codegen`.
 * `npm run manifest -- --check` writes nothing and exits 1 when the file is stale.
 * The same file is the trusted-document manifest (`TRUSTED_DOCUMENTS_PATH`, gateway/trusted-documents.ts): its keys
 * are the `documentId`s clients send. `npm run manifest -- --publish` also writes its documents to the Redis hash
 * `<REDIS_KEY_PREFIX>trusted-documents` (field = sha256 hex, value = text; needs `REDIS_URL`), which running gateways
 * read on an unknown id, without a restart.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { Kind, print, type DocumentNode } from 'graphql';
import { trustedDocumentsKey } from '../gateway/trusted-documents.ts';
import { loadConfig } from '../platform/config.ts';
import { createRedisClient } from '../platform/redis/redis-client.ts';
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
if (process.argv.includes('--publish')) {
  const config = loadConfig(process.env);
  if (!config.redis.url) {
    console.error('--publish needs REDIS_URL');
    process.exit(1);
  }
  const redis = await createRedisClient({ url: config.redis.url, connectionName: 'orchestra-manifest-publish' });
  await redis.hset(trustedDocumentsKey(config.redis.keyPrefix), manifest);
  await redis.quit();
  console.log(`published ${documents.length} documents to ${trustedDocumentsKey(config.redis.keyPrefix)}`);
}
