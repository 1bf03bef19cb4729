import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { waitFor } from './kit/client.ts';
import { freePorts } from './kit/free-ports.ts';

describe('the orchestra process', () => {
  it('serves every service from one command and stops cleanly on SIGTERM', async () => {
    const [gateway, memory, orchestration, routing, session] = await freePorts(5);
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/orchestra.ts', 'start'], {
      env: {
        ...process.env,
        EMBEDDED_DATA_DIR: ':memory:',
        LOG_LEVEL: 'warn',
        GATEWAY_PORT: String(gateway),
        MEMORY_PORT: String(memory),
        ORCHESTRATION_PORT: String(orchestration),
        ROUTING_PORT: String(routing),
        SESSION_PORT: String(session),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit');
    try {
      const report = await waitFor(
        'readiness',
        async () => {
          const response = await fetch(`http://127.0.0.1:${gateway}/readyz`).catch(() => undefined);
          return response?.ok ? ((await response.json()) as { subgraphs: Record<string, string> }) : undefined;
        },
        60_000,
        200,
      );
      expect(report.subgraphs).toEqual({ memory: 'ok', orchestration: 'ok', routing: 'ok', session: 'ok' });
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code, stderr).toBe(0);
      await expect(fetch(`http://127.0.0.1:${gateway}/healthz`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
