// No import of the generated resolver types, directly or not: this file is the codegen mapper of `Provider`.
import { randomUUID } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import type { OperatorProvider } from '../../../platform/config.ts';
import { BadUserInputError, ConflictError } from '../../../platform/errors.ts';
import type { SealedSecret, SecretBox } from '../../../platform/secrets/secret-box.ts';
import { isUuid } from '../../../platform/validation.ts';
import { TenantProviderSchema, type TenantProvider } from '../entities/tenant-provider.ts';
import { apiKeyHint, ECHO_PROVIDER, validateProviderInput, type ProviderInputFields } from './provider-input.ts';

/**
 * A provider as the API shows it (the codegen mapper of `Provider`): never its key, only whether it has one and,
 * for a tenant's provider, a hint.
 */
export interface ProviderDescription {
  /** `operator:<name>` for an operator provider, the row's UUID for a tenant's. */
  readonly id: string;
  readonly name: string;
  readonly owner: 'OPERATOR' | 'TENANT';
  readonly baseUrl: string;
  readonly hasApiKey: boolean;
  readonly apiKeyHint: string | null;
  readonly createdAt: Date | null;
  readonly updatedAt: Date | null;
}

/**
 * A provider ready to be called: where, with which key, and whether the target is tenant-chosen (then every
 * request to it passes the egress policy). The key goes to `baseUrl` and nowhere else.
 */
export interface ResolvedProvider {
  readonly name: string;
  readonly owner: 'OPERATOR' | 'TENANT';
  /** http(s) base URL without a trailing slash, e.g. `https://api.openai.com/v1`. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer` to `baseUrl` only; undefined = no key. */
  readonly apiKey: string | undefined;
  /** True for tenant providers: the target is tenant-controlled and passes the egress policy. */
  readonly egress: boolean;
}

/** Prefix of an operator provider's `Provider.id`. */
const OPERATOR_ID_PREFIX = 'operator:';
/** Most model names a CONFLICT of {@link ProviderCatalog.delete} lists. */
const MAX_NAMED_MODELS = 20;

/** The additional authenticated data of a tenant provider's key: it opens only for this tenant and name. */
function keyAad(tenantId: string, name: string): string {
  return `${tenantId}:${name}`;
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The providers a tenant may use: the operator's (`LLM_PROVIDERS`, each limited to its `tenants` when set) and the
 * tenant's own (`routing.providers`, keys sealed with a {@link SecretBox} bound to tenant and name). Operator names
 * and `echo` are reserved: a tenant's provider never shadows them. Keys are write-only: only
 * {@link ProviderCatalog.resolve} returns one, for the completion service to send to that provider's base URL.
 */
export class ProviderCatalog {
  private readonly rows: Repository<TenantProvider>;

  /**
   * @param operators the operator providers, `config.models.providers`.
   * @param box seals tenants' keys (`createSecretBox(config.models.secretsEncryptionKey)`).
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly operators: Readonly<Record<string, OperatorProvider>>,
    private readonly box: SecretBox,
  ) {
    this.rows = dataSource.getRepository(TenantProviderSchema);
  }

  /** Whether `name` is an operator provider's (whether or not a given tenant may use it). */
  isOperatorProvider(name: string): boolean {
    return Object.hasOwn(this.operators, name);
  }

  /** The providers the tenant may use: the operator's that allow it, by name, then its own, by name. */
  async list(tenantId: string): Promise<ProviderDescription[]> {
    const operators = Object.keys(this.operators)
      .sort()
      .flatMap((name) => {
        const operator = this.operatorFor(tenantId, name);
        return operator ? [describeOperator(name, operator)] : [];
      });
    const own = await this.rows.findBy({ tenantId });
    return [
      ...operators,
      ...own
        .filter((row) => !this.isOperatorProvider(row.name))
        .sort(byName)
        .map(describeTenant),
    ];
  }

  /** The provider with `Provider.id` `id` (`operator:<name>` or a UUID) if the tenant may use it, else null. */
  async find(tenantId: string, id: string): Promise<ProviderDescription | null> {
    if (id.startsWith(OPERATOR_ID_PREFIX)) {
      const name = id.slice(OPERATOR_ID_PREFIX.length);
      const operator = this.operatorFor(tenantId, name);
      return operator ? describeOperator(name, operator) : null;
    }
    if (!isUuid(id)) return null;
    const row = await this.rows.findOneBy({ tenantId, id });
    return row && !this.isOperatorProvider(row.name) ? describeTenant(row) : null;
  }

  /** The provider `name` the tenant may use (the operator's or its own), without its key; undefined when none. */
  async describe(tenantId: string, name: string): Promise<ProviderDescription | undefined> {
    if (this.isOperatorProvider(name)) {
      const operator = this.operatorFor(tenantId, name);
      return operator ? describeOperator(name, operator) : undefined;
    }
    const row = await this.rows.findOneBy({ tenantId, name });
    return row ? describeTenant(row) : undefined;
  }

  /**
   * Registers the tenant's provider `input.name`, or updates it (one statement: nothing is written unless all of it
   * is). `apiKey` absent keeps the stored key, `""` removes it, any other value replaces it (rotation). A stored key
   * is bound to its base URL: moving a provider that has a key to another `baseUrl` needs the key again (or `""`).
   * @throws {@link BadUserInputError} for a bad or reserved name (an operator provider's or `echo`), a bad URL or key,
   * or a new base URL for a kept key; no message contains the key.
   */
  async upsert(tenantId: string, input: ProviderInputFields): Promise<ProviderDescription> {
    const valid = validateProviderInput(input, (name) => name === ECHO_PROVIDER || this.isOperatorProvider(name));
    const change = valid.apiKey;
    const sealed: SealedSecret | undefined = change.kind === 'set' ? this.box.seal(change.apiKey, keyAad(tenantId, valid.name)) : undefined;
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO routing.providers AS p (id, tenant_id, name, base_url, api_key_ciphertext, api_key_iv, api_key_tag, api_key_hint)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (tenant_id, name) DO UPDATE SET
         base_url = EXCLUDED.base_url,
         api_key_ciphertext = CASE WHEN $9::boolean THEN p.api_key_ciphertext ELSE EXCLUDED.api_key_ciphertext END,
         api_key_iv = CASE WHEN $9::boolean THEN p.api_key_iv ELSE EXCLUDED.api_key_iv END,
         api_key_tag = CASE WHEN $9::boolean THEN p.api_key_tag ELSE EXCLUDED.api_key_tag END,
         api_key_hint = CASE WHEN $9::boolean THEN p.api_key_hint ELSE EXCLUDED.api_key_hint END,
         updated_at = now()
       WHERE NOT $9::boolean OR p.api_key_ciphertext IS NULL OR p.base_url = EXCLUDED.base_url
       RETURNING id`,
      [
        randomUUID(),
        tenantId,
        valid.name,
        valid.baseUrl,
        sealed?.ciphertext ?? null,
        sealed?.iv ?? null,
        sealed?.tag ?? null,
        change.kind === 'set' ? apiKeyHint(change.apiKey) : null,
        change.kind === 'keep',
      ],
    );
    const id = rows[0]?.id;
    if (id === undefined) {
      throw new BadUserInputError(
        `"input.apiKey" is needed again to move provider "${valid.name}" to another baseUrl (its key is bound to its base URL; "" removes the key)`,
        { field: 'input.apiKey' },
      );
    }
    return describeTenant(await this.rows.findOneByOrFail({ tenantId, id }));
  }

  /**
   * Deletes the tenant's provider `name` and its key, in one statement; false when the tenant has no such provider.
   * @throws {@link ConflictError} with `details.models` (up to 20 names) while a model of the tenant names it.
   */
  async delete(tenantId: string, name: string): Promise<boolean> {
    const rows: { deleted: number; existed: boolean; models: string[] | null }[] = await this.dataSource.query(
      `WITH existing AS (SELECT id FROM routing.providers WHERE tenant_id = $1 AND name = $2),
            users AS (SELECT name FROM routing.model_profiles WHERE tenant_id = $1 AND provider = $2),
            deleted AS (
              DELETE FROM routing.providers WHERE id IN (SELECT id FROM existing) AND NOT EXISTS (SELECT 1 FROM users)
              RETURNING id)
       SELECT (SELECT count(*) FROM deleted)::int AS deleted, EXISTS (SELECT 1 FROM existing) AS existed,
              (SELECT array_agg(name ORDER BY name) FROM users) AS models`,
      [tenantId, name],
    );
    const result = rows[0];
    if (result === undefined || !result.existed) return false;
    if (result.deleted > 0) return true;
    const models = (result.models ?? []).slice(0, MAX_NAMED_MODELS);
    throw new ConflictError(`provider "${name}" is used by model(s) ${models.join(', ')}: move or delete them first (upsertModel with another provider)`, {
      models,
    });
  }

  /**
   * The provider `providerName` ready to call for the tenant, with its key — for the completion service only, which
   * sends the key to `baseUrl` and nowhere else. An operator provider (`egress: false`) when the tenant may use it; the
   * tenant's own (`egress: true`, key decrypted); undefined otherwise (`echo`, a keyless endpoint's label, an operator
   * provider the tenant may not use: never a tenant row under an operator's name).
   * @throws {Error} when a stored key does not decrypt (tampered row or changed `SECRETS_ENCRYPTION_KEY`); the message
   * names the provider, never the key.
   */
  async resolve(tenantId: string, providerName: string): Promise<ResolvedProvider | undefined> {
    if (this.isOperatorProvider(providerName)) {
      const operator = this.operatorFor(tenantId, providerName);
      return operator && { name: providerName, owner: 'OPERATOR', baseUrl: operator.baseUrl, apiKey: operator.apiKey, egress: false };
    }
    const row = await this.rows.findOneBy({ tenantId, name: providerName });
    if (!row) return undefined;
    return { name: row.name, owner: 'TENANT', baseUrl: row.baseUrl, apiKey: this.openKey(row), egress: true };
  }

  /** {@link ProviderCatalog.resolve} for several names (each once), in one statement for the tenant's own. */
  async resolveMany(tenantId: string, providerNames: readonly string[]): Promise<Map<string, ResolvedProvider>> {
    const resolved = new Map<string, ResolvedProvider>();
    const own = new Set<string>();
    for (const name of providerNames) {
      if (!this.isOperatorProvider(name)) {
        own.add(name);
        continue;
      }
      const operator = this.operatorFor(tenantId, name);
      if (operator) resolved.set(name, { name, owner: 'OPERATOR', baseUrl: operator.baseUrl, apiKey: operator.apiKey, egress: false });
    }
    if (own.size > 0) {
      const rows = await this.rows
        .createQueryBuilder('p')
        .where('p.tenantId = :tenantId AND p.name IN (:...names)', { tenantId, names: [...own] })
        .getMany();
      for (const row of rows) resolved.set(row.name, { name: row.name, owner: 'TENANT', baseUrl: row.baseUrl, apiKey: this.openKey(row), egress: true });
    }
    return resolved;
  }

  /** The operator provider `name` if the tenant may use it (no allow-list, or the tenant is on it). */
  private operatorFor(tenantId: string, name: string): OperatorProvider | undefined {
    if (!this.isOperatorProvider(name)) return undefined;
    const operator = this.operators[name];
    return operator && (operator.tenants === undefined || operator.tenants.includes(tenantId)) ? operator : undefined;
  }

  private openKey(row: TenantProvider): string | undefined {
    const { apiKeyCiphertext: ciphertext, apiKeyIv: iv, apiKeyTag: tag } = row;
    if (!ciphertext || !iv || !tag) return undefined;
    try {
      return this.box.open({ ciphertext, iv, tag }, keyAad(row.tenantId, row.name));
    } catch (error) {
      throw new Error(`the API key of provider "${row.name}" does not decrypt (was SECRETS_ENCRYPTION_KEY changed?)`, { cause: error });
    }
  }
}

function describeOperator(name: string, operator: OperatorProvider): ProviderDescription {
  return {
    id: `${OPERATOR_ID_PREFIX}${name}`,
    name,
    owner: 'OPERATOR',
    baseUrl: operator.baseUrl,
    hasApiKey: operator.apiKey !== undefined,
    apiKeyHint: null,
    createdAt: null,
    updatedAt: null,
  };
}

function describeTenant(row: TenantProvider): ProviderDescription {
  return {
    id: row.id,
    name: row.name,
    owner: 'TENANT',
    baseUrl: row.baseUrl,
    hasApiKey: row.apiKeyCiphertext !== null,
    apiKeyHint: row.apiKeyCiphertext !== null ? row.apiKeyHint : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
