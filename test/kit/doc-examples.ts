import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, visit, type DocumentNode, type OperationDefinitionNode, type ValueNode } from 'graphql';

/** Languages of the fenced blocks that are run; every other block (json, ts, js, unlabelled) is data or a diagram. */
export type ExampleLanguage = 'graphql' | 'sh';

/** How a block runs, from the `<!-- example: … -->` marker on the line right before its fence. */
export type ExampleMode = { readonly kind: 'run' } | { readonly kind: 'skip'; readonly reason: string } | { readonly kind: 'error'; readonly code: string };

/** One fenced ```graphql or ```sh block of the docs. */
export interface DocExample {
  /** Path relative to the repository root, e.g. `README.md` or `docs/workflow-engine.md`. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly language: ExampleLanguage;
  /** The nearest `##` heading above the block (`''` before any): blocks of one section share a tenant and ids. */
  readonly section: string;
  /** The block's text, its fence's indentation removed. */
  readonly text: string;
  readonly mode: ExampleMode;
}

const FENCE = /^(\s*)```(\S*)\s*$/;
const MARKER = /^\s*<!--\s*example:\s*(\w+)\s*(.*?)\s*-->\s*$/;

/** The markdown files whose examples are run: README.md and docs/*.md, relative to `root`. */
export function docFiles(root: string): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs];
}

/**
 * Extracts the fenced ```graphql and ```sh blocks of `file` (relative to `root`) with their line, section and marker.
 * Throws on an unknown marker (`<!-- example: <skip|error> … -->` are the only ones) or a skip without a reason.
 */
export function extractExamples(root: string, file: string): DocExample[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const examples: DocExample[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^##\s/.test(line)) section = line.replace(/^#+\s*/, '');
    const fence = FENCE.exec(line);
    if (!fence) continue;
    const indent = fence[1] ?? '';
    let end = i + 1;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end] ?? '')) end++;
    const language = fence[2] ?? '';
    const body = lines.slice(i + 1, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l));
    if (language === 'graphql' || language === 'sh') {
      examples.push({ file, line: i + 1, language, section, text: body.join('\n'), mode: markerOf(file, i + 1, lines[i - 1] ?? '') });
    }
    i = end;
  }
  return examples;
}

function markerOf(file: string, line: number, previous: string): ExampleMode {
  const marker = MARKER.exec(previous);
  if (!marker) return { kind: 'run' };
  const [, kind, argument = ''] = marker;
  if (kind === 'skip') {
    if (!argument) throw new Error(`${file}:${line}: <!-- example: skip --> needs a reason`);
    return { kind: 'skip', reason: argument };
  }
  if (kind === 'error' && /^[A-Z_]+$/.test(argument)) return { kind: 'error', code: argument };
  throw new Error(`${file}:${line}: unknown example marker "${previous.trim()}" (skip <reason> | error <CODE>)`);
}

/** The placeholder the docs write for an id taken from an earlier example: the Unicode ellipsis. */
export const PLACEHOLDER = '…';

/** What each id-making mutation field makes, and where the id is in its result. */
const CAPTURES: Readonly<Record<string, { readonly kind: string; readonly path: readonly string[] }>> = {
  startSession: { kind: 'session', path: ['id'] },
  createWorkflow: { kind: 'workflow', path: ['id'] },
  startWorkflowRun: { kind: 'run', path: ['id'] },
  appendTranscript: { kind: 'segment', path: ['id'] },
  storeMemory: { kind: 'memory', path: ['id'] },
  createApiKey: { kind: 'apiKey', path: ['apiKey', 'id'] },
  route: { kind: 'decision', path: ['id'] },
  createChatCompletion: { kind: 'decision', path: ['decision', 'id'] },
};

/** The kind of id an argument or input field of this name holds, wherever it is. */
const KIND_BY_NAME: Readonly<Record<string, string>> = {
  sessionId: 'session',
  workflowId: 'workflow',
  runId: 'run',
  segmentId: 'segment',
  decisionId: 'decision',
  deleteId: 'memory',
};

/** The kind of the `id` argument of these fields. */
const KIND_OF_ID_ARGUMENT: Readonly<Record<string, string>> = {
  session: 'session',
  endSession: 'session',
  memory: 'memory',
  memoryHistory: 'memory',
  workflowRun: 'run',
  signalWorkflowRun: 'run',
  cancelWorkflowRun: 'run',
  revokeApiKey: 'apiKey',
};

/** The latest id of each kind made by the examples of one section, in document order. */
export class CapturedIds {
  private readonly ids = new Map<string, string>();

  /** Records the ids the mutation fields of `data` made (see {@link CAPTURES}); a list records its first element's. */
  capture(data: Record<string, unknown> | null | undefined): void {
    for (const [field, value] of Object.entries(data ?? {})) {
      const capture = CAPTURES[field];
      if (!capture) continue;
      let node: unknown = Array.isArray(value) ? value[0] : value;
      for (const key of capture.path) node = (node as Record<string, unknown> | null | undefined)?.[key];
      if (typeof node === 'string') this.ids.set(capture.kind, node);
    }
  }

  /** The latest id of `kind`, or throws naming `where` (the block and argument). */
  get(kind: string, where: string): string {
    const id = this.ids.get(kind);
    if (id === undefined) throw new Error(`${where}: no ${kind} id captured by an earlier example of this section`);
    return id;
  }
}

/** One operation of a GraphQL block, ready to send. */
export interface ExampleOperation {
  readonly name: string;
  readonly operation: 'query' | 'mutation' | 'subscription';
  /** The operation with the block's fragments, placeholders filled. */
  readonly query: string;
  readonly variables: Record<string, string>;
}

/**
 * Splits a GraphQL block into its operations (each with the block's fragments), in document order; `fill` is called
 * lazily per operation so that ids made by an earlier operation of the block fill the later ones' placeholders.
 */
export function operationsOf(example: DocExample): Array<(ids: CapturedIds) => ExampleOperation> {
  const document = parse(example.text);
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operations.map((operation, index) => (ids: CapturedIds) => {
    const where = `${example.file}:${example.line} operation ${index + 1}`;
    const filled = fillPlaceholders(operation, ids, where);
    const variables: Record<string, string> = {};
    for (const definition of operation.variableDefinitions ?? []) {
      const name = definition.variable.name.value;
      const kind = KIND_BY_NAME[name];
      if (kind) variables[name] = ids.get(kind, `${where}, variable $${name}`);
    }
    const single: DocumentNode = { kind: Kind.DOCUMENT, definitions: [filled, ...fragments] };
    return { name: where, operation: operation.operation, query: print(single), variables };
  });
}

function fillPlaceholders(operation: OperationDefinitionNode, ids: CapturedIds, where: string): OperationDefinitionNode {
  const fields: string[] = [];
  const replace = (value: ValueNode, kind: string | undefined, argument: string): ValueNode | undefined => {
    if (value.kind !== Kind.STRING || value.value !== PLACEHOLDER || !kind) return undefined;
    return { ...value, value: ids.get(kind, `${where}, ${argument}`), block: false };
  };
  return visit(operation, {
    Field: {
      enter: (node) => void fields.push(node.name.value),
      leave: () => void fields.pop(),
    },
    Argument(node) {
      const field = fields.at(-1) ?? '';
      const kind = node.name.value === 'id' ? KIND_OF_ID_ARGUMENT[field] : KIND_BY_NAME[node.name.value];
      const value = replace(node.value, kind, `${field}(${node.name.value}:)`);
      return value ? { ...node, value } : undefined;
    },
    ObjectField(node) {
      const value = replace(node.value, KIND_BY_NAME[node.name.value], `${fields.at(-1) ?? ''}(… ${node.name.value}:)`);
      return value ? { ...node, value } : undefined;
    },
  });
}

/** Shell commands of a block: its lines with `\` continuations joined, blank lines and comments dropped. */
export function commandsOf(example: DocExample): string[] {
  const commands: string[] = [];
  let current = '';
  for (const line of example.text.split('\n')) {
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    const command = (current + line).trim();
    current = '';
    if (command && !command.startsWith('#')) commands.push(command);
  }
  return commands;
}
