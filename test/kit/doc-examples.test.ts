import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CapturedIds, commandsOf, docFiles, extractExamples, operationsOf } from './doc-examples.ts';

const roots: string[] = [];

function repo(readme: string): string {
  const root = mkdtempSync(join(tmpdir(), 'doc-examples-'));
  roots.push(root);
  mkdirSync(join(root, 'docs'));
  writeFileSync(join(root, 'README.md'), readme);
  writeFileSync(join(root, 'docs', 'b.md'), '# B\n');
  writeFileSync(join(root, 'docs', 'a.md'), '# A\n');
  return root;
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('doc examples', () => {
  it('extracts graphql and sh blocks with their line, section and marker, and nothing else', () => {
    const root = repo(
      [
        '# T',
        '```sh',
        'npm start',
        '```',
        '## Sessions',
        '<!-- example: skip needs docker -->',
        '```sh',
        'docker compose up',
        '```',
        '```json',
        '{}',
        '```',
        '<!-- example: error MAX_DEPTH_LIMIT -->',
        '  ```graphql',
        '  { a }',
        '  ```',
        '```',
        'a diagram',
        '```',
      ].join('\n'),
    );
    expect(docFiles(root)).toEqual(['README.md', 'docs/a.md', 'docs/b.md']);
    expect(extractExamples(root, 'README.md')).toEqual([
      { file: 'README.md', line: 2, language: 'sh', section: '', text: 'npm start', mode: { kind: 'run' } },
      { file: 'README.md', line: 7, language: 'sh', section: 'Sessions', text: 'docker compose up', mode: { kind: 'skip', reason: 'needs docker' } },
      { file: 'README.md', line: 14, language: 'graphql', section: 'Sessions', text: '{ a }', mode: { kind: 'error', code: 'MAX_DEPTH_LIMIT' } },
    ]);
  });

  it('refuses a skip without a reason and an unknown marker', () => {
    expect(() => extractExamples(repo('<!-- example: skip -->\n```sh\nls\n```\n'), 'README.md')).toThrow('README.md:2: <!-- example: skip --> needs a reason');
    expect(() => extractExamples(repo('<!-- example: later -->\n```sh\nls\n```\n'), 'README.md')).toThrow('unknown example marker');
  });

  it('joins continued shell lines and drops comments', () => {
    const [example] = extractExamples(repo('```sh\n# a comment\ncurl a \\\n  -d b\n\nls\n```\n'), 'README.md');
    expect(commandsOf(example!)).toEqual(['curl a    -d b', 'ls']);
  });

  it('fills "…" placeholders by field and argument from the ids earlier operations made, and names a missing one', () => {
    const root = repo(
      [
        '```graphql',
        'mutation { startSession(input: { title: "x" }) { id } }',
        'query { session(id: "…") { title } memories(filter: { sessionId: "…" }) { edges { node { content } } } }',
        'mutation { storeMemory(input: { key: "k", content: "…" }) { id } }',
        'query Q($sessionId: ID!) { session(id: $sessionId) { ...F } }',
        'fragment F on Session { id }',
        'query { workflowRun(id: "…") { id } }',
        '```',
      ].join('\n'),
    );
    const [example] = extractExamples(root, 'README.md');
    const ids = new CapturedIds();
    const [start, read, store, named, run] = operationsOf(example!);
    expect(start!(ids).operation).toBe('mutation');
    ids.capture({ startSession: { id: 's-1' } });
    expect(read!(ids).query).toContain('session(id: "s-1")');
    expect(read!(ids).query).toContain('sessionId: "s-1"');
    expect(store!(ids).query).toContain('content: "…"');
    expect(named!(ids)).toMatchObject({ variables: { sessionId: 's-1' } });
    expect(named!(ids).query).toContain('fragment F on Session');
    expect(() => run!(ids)).toThrow('README.md:1 operation 5, workflowRun(id:): no run id captured by an earlier example of this section');
  });
});
