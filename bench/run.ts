/**
 * `npm run bench -- <name>`: runs `bench/<name>.bench.ts`, which prints its figures and writes
 * `bench/results/<name>.json`. Without a name, lists the benchmarks. Arguments starting with `--` are options of the
 * benchmarks (each reads its own from `process.argv`).
 */
import { readdir } from 'node:fs/promises';

const available = (await readdir(new URL('.', import.meta.url))).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', ''));
const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (names.length === 0 || names.some((n) => !available.includes(n))) {
  console.error(`usage: npm run bench -- <${available.join('|')}>`);
  process.exit(names.length === 0 ? 0 : 2);
}
for (const name of names) await import(`./${name}.bench.ts`);
