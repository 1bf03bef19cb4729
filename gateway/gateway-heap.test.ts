import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { GATEWAY_NODE_OPTIONS, setsOldSpaceFloor } from './gateway-heap.ts';

describe('the gateway heap setting', () => {
  it('is passed by every command that starts the gateway: npm start, npm run serve, the docker-compose gateway', async () => {
    const root = new URL('../', import.meta.url);
    const scripts = (JSON.parse(await readFile(new URL('package.json', root), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const compose = await readFile(new URL('docker-compose.yml', root), 'utf8');
    const gatewayService = compose.slice(compose.indexOf('\n  gateway:'));
    for (const option of GATEWAY_NODE_OPTIONS) {
      expect(scripts['start']?.split(' ')).toContain(option);
      expect(scripts['serve']?.split(' ')).toContain(option);
      expect(gatewayService).toMatch(new RegExp(`entrypoint: \\[[^\\]]*"${option}"`));
    }
  });

  it('is recognised on a node command line, in either spelling, and its absence too', () => {
    expect(setsOldSpaceFloor(['--import', 'tsx', ...GATEWAY_NODE_OPTIONS])).toBe(true);
    expect(setsOldSpaceFloor(['--initial_old_space_size=256'])).toBe(true);
    expect(setsOldSpaceFloor(['--max-old-space-size=4096', '--import', 'tsx'])).toBe(false);
  });
});
