/**
 * Options of the benchmarks, read from `process.argv` (`npm run bench -- <name> --rounds=300 --quick`): each
 * benchmark reads its own.
 */

/** The positive integer of `--<name>=<n>`, else `fallback`. @throws {Error} for a value that is not one. */
export function numberOption(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg ? Number(arg.slice(name.length + 3)) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** Whether the flag `--<name>` was given. */
export function flagOption(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

/** The value of `--<name>=<value>` if given, which must be one of `choices`. @throws {Error} for any other value. */
export function choiceOption<T extends string>(name: string, choices: readonly T[]): T | undefined {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (arg === undefined) return undefined;
  const value = arg.slice(name.length + 3);
  if (!choices.includes(value as T)) throw new Error(`--${name} must be one of ${choices.join(', ')}`);
  return value as T;
}
