import { EntitySchema } from 'typeorm';

/**
 * A partner API key (table `session.api_keys`). Also the codegen mapper type of the GraphQL `ApiKey`.
 * Only the SHA-256 of the key's secret is stored (`secretHash`); the key itself is shown once, by `createApiKey`.
 */
export interface ApiKey {
  /** The `<keyId>` of `orch_<keyId>_<secret>`. */
  id: string;
  tenantId: string;
  /** At most 200 characters. */
  name: string;
  /** A subset of the creator's scopes at creation. */
  scopes: string[];
  /** SHA-256 of the secret's UTF-8 text, hex. Never leaves the session subgraph. */
  secretHash: string;
  /** Subject of the principal that created the key. */
  createdBy: string;
  createdAt: Date;
  /** Null = never expires. */
  expiresAt: Date | null;
  /** Last verification, recorded at most once per {@link LAST_USED_DEBOUNCE_MS} per key. */
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** TypeORM schema of {@link ApiKey}. */
export const ApiKeySchema = new EntitySchema<ApiKey>({
  name: 'ApiKey',
  tableName: 'api_keys',
  schema: 'session',
  columns: {
    id: { type: 'text', primary: true },
    tenantId: { name: 'tenant_id', type: 'text' },
    name: { type: 'text' },
    scopes: { type: 'jsonb' },
    secretHash: { name: 'secret_hash', type: 'text' },
    createdBy: { name: 'created_by', type: 'text' },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    expiresAt: { name: 'expires_at', type: 'timestamptz', nullable: true },
    lastUsedAt: { name: 'last_used_at', type: 'timestamptz', nullable: true },
    revokedAt: { name: 'revoked_at', type: 'timestamptz', nullable: true },
  },
});
