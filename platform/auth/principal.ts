import { ForbiddenError } from '../errors.ts';

/** Every scope Orchestra checks (ARCHITECTURE.md, "API contract"). `admin` implies all others. */
export const SCOPES = [
  'memory:read',
  'memory:write',
  'workflows:read',
  'workflows:write',
  'workflows:subscribe',
  'routing:read',
  'routing:write',
  'sessions:read',
  'sessions:write',
  'admin',
] as const;

/** One scope of {@link SCOPES}. */
export type Scope = (typeof SCOPES)[number];

/** The verified caller of a request: who (`subject`), on whose data (`tenantId`), allowed to do what (`scopes`). */
export interface Principal {
  readonly subject: string;
  readonly tenantId: string;
  readonly scopes: readonly string[];
  /** Set when the caller authenticated with a partner API key: the key's id (its subject is `apikey:<id>`); rate limits and quotas count per key. */
  readonly apiKeyId?: string | undefined;
}

/**
 * The identity of a principal, as far as what it may read goes: tenant, subject and scopes (in any order), as one
 * string — a cache key for what was fetched or signed as that principal.
 */
export function principalKey(principal: Principal): string {
  return JSON.stringify([principal.tenantId, principal.subject, [...principal.scopes].sort()]);
}

/** Whether `principal` holds `scope` (or `admin`). */
export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.scopes.includes(scope) || principal.scopes.includes('admin');
}

/**
 * Asserts that `principal` holds `scope`.
 * @throws {@link ForbiddenError} with `details.scope` when it does not.
 */
export function requireScope(principal: Principal, scope: Scope): void {
  if (!hasScope(principal, scope)) {
    throw new ForbiddenError(`This operation needs the "${scope}" scope`, { scope });
  }
}
