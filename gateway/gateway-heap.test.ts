import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { GATEWAY_NODE_OPTIONS, setsOldSpaceFloor } from './gateway-heap.ts';

describe('the gateway heap setting', () => {
  it('is passed by every command that starts the gateway: npm start, npm run serve, the Docker image', async () => {
    const root = new URL('../', import.meta.url);
    const scripts = (JSON.parse(await readFile(new URL('package.json', root), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const entrypoint = /^ENTRYPOINT (\[.*\])$/m.exec(await readFile(new URL('Dockerfile', root), 'utf8'))?.[1];
    for (const option of GATEWAY_NODE_OPTIONS) {
      expect(scripts['start']?.split(' ')).toContain(option);
      expect(scripts['serve']?.split(' ')).toContain(option);
      expect(JSON.parse(entrypoint ?? '[]')).toContain(option);
    }
  });

  it('is recognised on a node command line, in either spelling, and its absence too', () => {
    expect(setsOldSpaceFloor(['--import', 'tsx', ...GATEWAY_NODE_OPTIONS])).toBe(true);
    expect(setsOldSpaceFloor(['--initial_old_space_size=256'])).toBe(true);
    expect(setsOldSpaceFloor(['--max-old-space-size=4096', '--import', 'tsx'])).toBe(false);
  });
});
