import type { DataSource, Repository } from 'typeorm';
import { apiKeySecretMatches, generateApiKey, hashApiKeySecret } from '../../../platform/auth/api-key-format.ts';
import { publishApiKeyRevocation } from '../../../platform/auth/api-key-revocations.ts';
import { hasScope, SCOPES, type Principal } from '../../../platform/auth/principal.ts';
import { BadUserInputError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../../../platform/errors.ts';
import type { Redis } from '../../../platform/redis/redis-client.ts';
import { ApiKeySchema, type ApiKey } from '../entities/api-key.ts';

/** Longest key name, in characters. */
export const MAX_API_KEY_NAME_LENGTH = 200;
/** `lastUsedAt` is written at most once per this many ms per key (a verification within it writes nothing). */
export const LAST_USED_DEBOUNCE_MS = 60_000;

/** Most key ids {@link ApiKeyService.revokedAmong} checks at once. */
export const MAX_REVOCATION_CHECK_IDS = 1000;

/** Input of {@link ApiKeyService.create}. */
export interface CreateApiKeyArgs {
  readonly name: string;
  readonly scopes: readonly string[];
  readonly expiresAt?: Date | string | null | undefined;
}

/** What verifying a key yields: the key's principal and its expiry (epoch seconds, undefined = none). */
export interface VerifiedApiKey {
  readonly principal: Principal;
  readonly expiresAt: number | undefined;
}

/**
 * Owns partner API keys: creating (the key returned once, only its secret's SHA-256 stored), listing, revoking
 * (published to every gateway, api-key-revocations.ts) and verifying them.
 */
export class ApiKeyService {
  private readonly keys: Repository<ApiKey>;

  constructor(
    dataSource: DataSource,
    private readonly redis?: { client: Redis; keyPrefix: string },
  ) {
    this.keys = dataSource.getRepository(ApiKeySchema);
  }

  /**
   * Creates a key of `creator`'s tenant with `input.scopes`.
   * @throws {@link ForbiddenError} when `creator` is itself an API key or anonymous, or lacks one of the scopes
   *   (`details.scope` names it).
   * @throws {@link BadUserInputError} for an empty or too long name, an unknown scope, or an expiry not in the future.
   */
  async create(creator: Principal, input: CreateApiKeyArgs): Promise<{ key: string; apiKey: ApiKey }> {
    if (creator.apiKeyId !== undefined) throw new ForbiddenError('An API key cannot create API keys', { reason: 'api-key' });
    if (creator.subject === 'anonymous') throw new ForbiddenError('Anonymous callers cannot create API keys', { reason: 'anonymous' });
    const name = input.name.trim();
    if (name.length < 1 || name.length > MAX_API_KEY_NAME_LENGTH) {
      throw new BadUserInputError(`name must be 1 to ${MAX_API_KEY_NAME_LENGTH} characters`, { field: 'name' });
    }
    const scopes = [...new Set(input.scopes)];
    for (const scope of scopes) {
      if (!(SCOPES as readonly string[]).includes(scope)) throw new BadUserInputError(`Unknown scope "${scope}"`, { field: 'scopes', scope });
    }
    for (const scope of scopes) {
      if (!hasScope(creator, scope as (typeof SCOPES)[number])) {
        throw new ForbiddenError(`An API key cannot have the "${scope}" scope its creator lacks`, { scope });
      }
    }
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && Number.isNaN(expiresAt.getTime())) throw new BadUserInputError('expiresAt is not a date', { field: 'expiresAt' });
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw new BadUserInputError('expiresAt must be in the future', { field: 'expiresAt' });
    }
    const generated = generateApiKey();
    const apiKey: ApiKey = {
      id: generated.keyId,
      tenantId: creator.tenantId,
      name,
      scopes,
      secretHash: hashApiKeySecret(generated.secret),
      createdBy: creator.subject,
      createdAt: new Date(),
      expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.keys.insert(apiKey);
    return { key: generated.key, apiKey };
  }

  /** The keys `principal` may see, newest first: its own, or all its tenant's with `admin`. */
  async list(principal: Principal): Promise<ApiKey[]> {
    const where = principal.scopes.includes('admin') ? { tenantId: principal.tenantId } : { tenantId: principal.tenantId, createdBy: principal.subject };
    return this.keys.find({ where, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /**
   * Revokes a key (idempotent: revoking a revoked key returns it unchanged) and publishes the revocation, so that
   * every gateway refuses it from then on.
   * @throws {@link NotFoundError} for a key that is not `principal`'s (or its tenant's, with `admin`).
   */
  async revoke(principal: Principal, id: string): Promise<ApiKey> {
    const key = await this.keys.findOneBy({ tenantId: principal.tenantId, id });
    if (!key || (!principal.scopes.includes('admin') && key.createdBy !== principal.subject)) {
      throw new NotFoundError(`API key ${id} not found`, { id });
    }
    if (!key.revokedAt) {
      await this.keys
        .createQueryBuilder()
        .update()
        .set({ revokedAt: () => 'now()' })
        .where('id = :id AND revoked_at IS NULL', { id })
        .execute();
    }
    await publishApiKeyRevocation(id, this.redis);
    return (await this.keys.findOneBy({ id })) ?? key;
  }

  /**
   * Verifies a key's id and secret (constant-time hash comparison) and records its use (at most once per
   * {@link LAST_USED_DEBOUNCE_MS}).
   * @throws {@link UnauthenticatedError} for an unknown, revoked or expired key or a wrong secret (one message).
   */
  async verify(keyId: string, secret: string): Promise<VerifiedApiKey> {
    const key = await this.keys.findOneBy({ id: keyId });
    const now = Date.now();
    if (!key || !apiKeySecretMatches(secret, key.secretHash) || key.revokedAt || (key.expiresAt && key.expiresAt.getTime() <= now)) {
      throw new UnauthenticatedError('API key is invalid, expired or revoked', { reason: 'api-key' });
    }
    if (!key.lastUsedAt || now - key.lastUsedAt.getTime() >= LAST_USED_DEBOUNCE_MS) {
      await this.keys
        .createQueryBuilder()
        .update()
        .set({ lastUsedAt: () => 'now()' })
        .where(`id = :id AND (last_used_at IS NULL OR last_used_at <= now() - make_interval(secs => :debounceSeconds))`, {
          id: keyId,
          debounceSeconds: LAST_USED_DEBOUNCE_MS / 1000,
        })
        .execute();
    }
    return {
      principal: { subject: `apikey:${key.id}`, tenantId: key.tenantId, scopes: key.scopes, apiKeyId: key.id },
      expiresAt: key.expiresAt ? Math.floor(key.expiresAt.getTime() / 1000) : undefined,
    };
  }

  /**
   * The ids among `ids` of keys that are revoked (or no longer exist): what a gateway instance asks after its
   * revocation feed was interrupted, for the keys its open streams use. At most {@link MAX_REVOCATION_CHECK_IDS} ids.
   * @throws {@link BadUserInputError} for more ids.
   */
  async revokedAmong(ids: readonly string[]): Promise<string[]> {
    if (ids.length > MAX_REVOCATION_CHECK_IDS) throw new BadUserInputError(`At most ${MAX_REVOCATION_CHECK_IDS} key ids per check`);
    if (ids.length === 0) return [];
    const live = await this.keys
      .createQueryBuilder('k')
      .select('k.id', 'id')
      .where('k.id = ANY(:ids) AND k.revoked_at IS NULL', { ids })
      .getRawMany<{ id: string }>();
    const alive = new Set(live.map((row) => row.id));
    return ids.filter((id) => !alive.has(id));
  }
}
