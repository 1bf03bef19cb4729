import express from 'express';
import { parseApiKey } from '../../platform/auth/api-key-format.ts';
import { BadUserInputError, UnauthenticatedError } from '../../platform/errors.ts';
import { sendError } from '../../platform/http/http-server.ts';
import type { SubgraphRoutes } from '../../platform/subgraph/subgraph-definition.ts';
import type { ApiKeyService } from './services/api-key-service.ts';

/** Path of the internal verification route (not part of the public graph; behind the internal-token check). */
export const API_KEY_VERIFY_PATH = '/internal/api-keys/verify';
/** Path of the internal revocation check (see {@link createApiKeyRoutes}). */
export const API_KEY_REVOKED_PATH = '/internal/api-keys/revoked';

/**
 * The gateway's internal routes over API keys, callable only with an internal token:
 * - `POST /internal/api-keys/verify` with JSON `{ "key": "orch_…" }`: 200 `{ principal, expiresAt }` (epoch seconds or
 *   null) for a valid key, 401 `UNAUTHENTICATED` otherwise;
 * - `POST /internal/api-keys/revoked` with JSON `{ "ids": ["<key id>", …] }` (at most 1,000): 200 `{ "revoked": [...] }`,
 *   the ids of revoked or unknown keys among them (asked after a gateway's revocation feed was interrupted);
 *   400 `BAD_USER_INPUT` for a body that is not such a list.
 */
export function createApiKeyRoutes(apiKeys: ApiKeyService): SubgraphRoutes {
  return (router) => {
    router.post(API_KEY_VERIFY_PATH, express.json({ limit: 1024, type: () => true }), (req, res) => {
      const body = req.body as { key?: unknown } | undefined;
      const parts = typeof body?.key === 'string' ? parseApiKey(body.key) : undefined;
      if (!parts) {
        sendError(res, new UnauthenticatedError('API key is malformed', { reason: 'api-key' }));
        return;
      }
      apiKeys.verify(parts.keyId, parts.secret).then(
        (verified) => res.json({ principal: verified.principal, expiresAt: verified.expiresAt ?? null }),
        (error: unknown) => sendError(res, error),
      );
    });
    router.post(API_KEY_REVOKED_PATH, express.json({ limit: 64 * 1024, type: () => true }), (req, res) => {
      const body = req.body as { ids?: unknown } | undefined;
      const ids = body?.ids;
      if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === 'string')) {
        sendError(res, new BadUserInputError('ids: a list of API key ids'));
        return;
      }
      apiKeys.revokedAmong(ids).then(
        (revoked) => res.json({ revoked }),
        (error: unknown) => sendError(res, error),
      );
    });
  };
}
