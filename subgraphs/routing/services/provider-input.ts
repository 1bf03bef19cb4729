import { PROVIDER_NAME_PATTERN } from '../../../platform/config.ts';
import { BadUserInputError } from '../../../platform/errors.ts';

// This file must not import the generated resolver types: provider-catalog.ts (a codegen mapper) imports it.

/** The provider that answers locally, without a network call (demos and tests); its name is reserved. */
export const ECHO_PROVIDER = 'echo';
/** Longest provider base URL, in characters. */
export const MAX_BASE_URL_LENGTH = 2048;
/** Longest provider API key, in characters. */
export const MAX_API_KEY_LENGTH = 4096;
/** Characters of a key shown in its hint (fewer for keys shorter than 4 × this: never more than a quarter of it). */
export const API_KEY_HINT_CHARACTERS = 4;

/** `upsertProvider`'s input: structurally the generated `ProviderInput` (see `ProviderInput` in schema/routing.graphql). */
export interface ProviderInputFields {
  readonly name: string;
  readonly baseUrl: string;
  /** Absent or null: keep the stored key; `""`: remove it; otherwise the new key. */
  readonly apiKey?: string | null | undefined;
}

/** What `upsertProvider` does with the key. */
export type ApiKeyChange =
  /** `apiKey` absent: the stored key (if any) is kept. */
  | { readonly kind: 'keep' }
  /** `apiKey: ""`: the stored key is removed. */
  | { readonly kind: 'remove' }
  /** A new key: stored sealed, replacing any other (rotation). */
  | { readonly kind: 'set'; readonly apiKey: string };

/** A provider input that passed {@link validateProviderInput}. */
export interface ValidProviderInput {
  readonly name: string;
  /** http(s), without a trailing slash. */
  readonly baseUrl: string;
  readonly apiKey: ApiKeyChange;
}

/** Printable ASCII without spaces: what an `Authorization: Bearer` header can carry. */
const API_KEY = /^[\x21-\x7e]+$/;
/** Whitespace or control characters, which a URL must not contain. */
const WHITESPACE_OR_CONTROL = /[\s\p{Cc}]/u;

/**
 * Validates `upsertProvider`'s input: the name (lower-case letters, digits, `_` and `-`, starting with a letter, at
 * most 64; not reserved), the base URL ({@link normaliseBaseUrl}) and the key (1–{@link MAX_API_KEY_LENGTH}
 * printable ASCII characters without spaces; `""` removes it; absent keeps it). No message ever contains the key.
 * @param isReserved names a tenant may not register (the operator's providers and `echo`).
 * @throws {@link BadUserInputError} naming the first offending field (`input.name`, `input.baseUrl`, `input.apiKey`).
 */
export function validateProviderInput(input: ProviderInputFields, isReserved: (name: string) => boolean): ValidProviderInput {
  if (!PROVIDER_NAME_PATTERN.test(input.name)) {
    fail('input.name', 'must be lower-case letters, digits, "_" or "-", starting with a letter, at most 64 characters');
  }
  if (isReserved(input.name)) fail('input.name', `"${input.name}" is reserved (an operator provider or "echo"); choose another name`);
  const baseUrl = normaliseBaseUrl(input.baseUrl);
  if (baseUrl === undefined) {
    fail('input.baseUrl', `must be an http(s) URL of at most ${MAX_BASE_URL_LENGTH} characters, without credentials, query or fragment`);
  }
  const key = input.apiKey;
  if (key === undefined || key === null) return { name: input.name, baseUrl, apiKey: { kind: 'keep' } };
  if (key === '') return { name: input.name, baseUrl, apiKey: { kind: 'remove' } };
  if (key.length > MAX_API_KEY_LENGTH || !API_KEY.test(key)) {
    fail('input.apiKey', `must be 1 to ${MAX_API_KEY_LENGTH} printable ASCII characters without spaces ("" removes the key)`);
  }
  return { name: input.name, baseUrl, apiKey: { kind: 'set', apiKey: key } };
}

/**
 * The base URL `value` as stored (trailing slashes removed), or undefined when it is not an http(s) URL of at most
 * {@link MAX_BASE_URL_LENGTH} characters, or carries whitespace, credentials (`user:pass@`), a query or a fragment.
 */
export function normaliseBaseUrl(value: string): string | undefined {
  if (value.length > MAX_BASE_URL_LENGTH || WHITESPACE_OR_CONTROL.test(value) || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '' || value.includes('?') || value.includes('#')) return undefined;
  if (url.hostname === '') return undefined;
  return value.replace(/\/+$/, '');
}

/**
 * The hint shown for `apiKey`: `…` and its last {@link API_KEY_HINT_CHARACTERS} characters (e.g. `…9f2c`), fewer
 * for short keys so that at most a quarter of a key is ever shown.
 */
export function apiKeyHint(apiKey: string): string {
  const shown = Math.min(API_KEY_HINT_CHARACTERS, Math.floor(apiKey.length / 4));
  return `…${shown > 0 ? apiKey.slice(-shown) : ''}`;
}

function fail(field: string, rule: string): never {
  throw new BadUserInputError(`"${field}" ${rule}`, { field });
}
