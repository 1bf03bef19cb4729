/**
 * Merges `source` into `target` in place, as Apollo's gateway merges each subgraph answer into the response data
 * (`@apollo/gateway` utilities/deepMerge.ts): objects merge key by key, lists of the same length element by element,
 * anything else replaces; `undefined` in `source` is skipped. A key inherited by `target` (`constructor`,
 * `__proto__`) becomes an own property before it is written, so a subgraph's data never reaches a prototype.
 * @returns `target`.
 */
export function deepMerge(target: Record<string, unknown>, source: unknown): Record<string, unknown> {
  if (source === undefined || source === null) return target;
  const from = source as Record<string, unknown>;
  for (const key of Object.keys(from)) {
    const value = from[key];
    if (value === undefined) continue;
    defineOwn(target, key);
    const existing = target[key];
    if (existing && isObject(value)) {
      deepMerge(existing as Record<string, unknown>, value);
    } else if (Array.isArray(value) && Array.isArray(existing) && value.length === existing.length) {
      for (let i = 0; i < value.length; i++) {
        const element: unknown = value[i];
        const current: unknown = existing[i];
        if (isObject(current) && isObject(element)) deepMerge(current, element);
        else existing[i] = element;
      }
    } else {
      target[key] = value;
    }
  }
  return target;
}

/** Whether `value` is a non-null object that is not an array. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== undefined && value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Makes `key` an own (writable, enumerable) property of `target` when `target` only inherits it (Apollo's `defineOwn`). */
export function defineOwn(target: object, key: string): void {
  if (!Object.prototype.hasOwnProperty.call(target, key) && key in target) {
    Object.defineProperty(target, key, { configurable: true, enumerable: true, value: undefined, writable: true });
  }
}

/** `target[key]` when `target` owns it, else undefined (Apollo's `getOwn`). */
export function getOwn(target: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(target, key) ? (target as Record<string, unknown>)[key] : undefined;
}
