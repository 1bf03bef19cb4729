import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** One document of an operation manifest: its id in the manifest and its exact text (what clients send). */
export interface ManifestDocument {
  readonly id: string;
  readonly source: string;
}

/** The documents the gateway plans and compiles at start (see `QueryPlanCache.warm`). */
export type OperationManifest = readonly ManifestDocument[];

/** A manifest file that cannot be read or is none of the accepted shapes; the message names the file and the problem. */
export class OperationManifestError extends Error {
  override readonly name = 'OperationManifestError';
}

const documentText = z.string().min(1);
const ManifestSchema = z.union([
  z.object({
    format: z.literal('apollo-persisted-query-manifest'),
    version: z.literal(1),
    operations: z.array(z.object({ id: z.string().min(1), body: documentText }).loose()),
  }),
  z.array(documentText),
  z.record(z.string().min(1), documentText),
]);

/**
 * Reads an operation manifest (`GATEWAY_OPERATION_MANIFEST`): a JSON object of id (e.g. the document's sha256) to
 * document text, a JSON array of document texts (ids are their positions), or Apollo's persisted query manifest
 * (`{ "format": "apollo-persisted-query-manifest", "version": 1, "operations": [{ "id", "body", … }] }`, as
 * `@apollo/generate-persisted-query-manifest` writes it). Document texts are kept byte for byte: the plan cache is
 * keyed by the sha256 of the text a client sends. `bin/operation-manifest.ts` writes one for the repository's codegen
 * documents.
 * @throws {@link OperationManifestError} when the file is missing, not JSON, or of none of these shapes.
 */
export async function readOperationManifest(path: string): Promise<OperationManifest> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new OperationManifestError(`cannot read the operation manifest ${path}: ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new OperationManifestError(`the operation manifest ${path} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseOperationManifest(json, path);
}

/**
 * The documents of a parsed manifest (see {@link readOperationManifest} for the shapes).
 * @param origin - the manifest's name in error messages.
 * @throws {@link OperationManifestError} for any other shape.
 */
export function parseOperationManifest(json: unknown, origin: string): OperationManifest {
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new OperationManifestError(
      `the operation manifest ${origin} must be an object of id to document text, an array of document texts, or an Apollo persisted query manifest`,
    );
  }
  const manifest = parsed.data;
  if (Array.isArray(manifest)) return manifest.map((source, index) => ({ id: String(index), source }));
  if ('format' in manifest && 'operations' in manifest && Array.isArray(manifest.operations)) {
    return manifest.operations.map((operation) => ({ id: operation.id, source: operation.body }));
  }
  return Object.entries(manifest as Record<string, string>).map(([id, source]) => ({ id, source }));
}
