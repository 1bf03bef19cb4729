import { EntitySchema } from 'typeorm';

/**
 * A provider a tenant registered (table `routing.providers`, unique by name per tenant): an OpenAI-compatible API at
 * `baseUrl` and its key, encrypted at rest with AES-256-GCM (`platform/secrets/secret-box.ts`). Only `apiKeyHint`
 * (the last 4 characters) is ever shown.
 */
export interface TenantProvider {
  id: string;
  tenantId: string;
  name: string;
  /** http(s) base URL, no trailing slash. */
  baseUrl: string;
  /** The sealed key; all three null without a key. */
  apiKeyCiphertext: Buffer | null;
  /** 12-byte GCM nonce. */
  apiKeyIv: Buffer | null;
  /** 16-byte GCM authentication tag. */
  apiKeyTag: Buffer | null;
  /** `…` and the key's last 4 characters; null without a key. */
  apiKeyHint: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** TypeORM schema of {@link TenantProvider}. */
export const TenantProviderSchema = new EntitySchema<TenantProvider>({
  name: 'TenantProvider',
  tableName: 'providers',
  schema: 'routing',
  columns: {
    id: { type: 'uuid', primary: true },
    tenantId: { name: 'tenant_id', type: 'text' },
    name: { type: 'text' },
    baseUrl: { name: 'base_url', type: 'text' },
    apiKeyCiphertext: { name: 'api_key_ciphertext', type: 'bytea', nullable: true },
    apiKeyIv: { name: 'api_key_iv', type: 'bytea', nullable: true },
    apiKeyTag: { name: 'api_key_tag', type: 'bytea', nullable: true },
    apiKeyHint: { name: 'api_key_hint', type: 'text', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});
