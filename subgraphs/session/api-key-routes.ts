import express from 'express';
import { parseApiKey } from '../../platform/auth/api-key-format.ts';
import { UnauthenticatedError } from '../../platform/errors.ts';
import { sendError } from '../../platform/http/http-server.ts';
import type { SubgraphRoutes } from '../../platform/subgraph/subgraph-definition.ts';
import type { ApiKeyService } from './services/api-key-service.ts';

/** Path of the internal verification route (not part of the public graph; behind the internal-token check). */
export const API_KEY_VERIFY_PATH = '/internal/api-keys/verify';

/**
 * `POST /internal/api-keys/verify` with JSON `{ "key": "orch_…" }`: 200 `{ principal, expiresAt }` (epoch seconds or
 * null) for a valid key, 401 `UNAUTHENTICATED` otherwise. Only the gateway can call it (internal token).
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
  };
}
