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
