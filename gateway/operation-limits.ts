import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { OrchestraConfig } from '../platform/config.ts';
import { OperationLimitError, OrchestraError } from '../platform/errors.ts';
import { operationLimitRules, type OperationLimitName } from './operation-limit-rules.ts';

/** Options of {@link createOperationLimits}. */
export interface OperationLimitsOptions {
  readonly limits: OrchestraConfig['limits'];
  /** Whether `__schema`/`__type` may be selected (`config.gateway.introspection`). */
  readonly introspection: boolean;
  /** Counts one refusal of `limit` (the gateway's `orchestra_gateway_operation_limit_refusals_total`). @defaultValue none */
  readonly onRefused?: ((limit: OperationLimitName) => void) | undefined;
}

/**
 * The one check of a document against the gateway's operation limits — tokens, depth, aliases, root fields,
 * directives, introspection — for HTTP operations (Apollo Server: {@link OperationLimits.rules},
 * {@link OperationLimits.parseOptions}, {@link OperationLimits.plugin}, {@link OperationLimits.refusalOf}) and for
 * subscriptions over WebSocket and SSE ({@link OperationLimits.parse}, {@link OperationLimits.validate}). Every
 * refusal has its own code (Apollo Router's: `MAX_DEPTH_LIMIT`, `MAX_ALIASES_LIMIT`, `MAX_ROOT_FIELDS_LIMIT`,
 * `MAX_DIRECTIVES_LIMIT`, `MAX_TOKENS_LIMIT`; `INTROSPECTION_DISABLED`), HTTP 400, `extensions.limit`, and is counted
 * once; nothing reaches a subgraph.
 */
export interface OperationLimits {
  /** Apollo Server's `validationRules` (see operation-limit-rules.ts). */
  readonly rules: readonly ValidationRule[];
  /** Apollo Server's `parseOptions`: the parse stops after `MAX_QUERY_TOKENS` tokens. */
  readonly parseOptions: { readonly maxTokens: number };
  /** Counts Apollo Server's parses aborted by the token limit. */
  readonly plugin: ApolloServerPlugin;
  /**
   * For `formatError`: the {@link OperationLimitError} (`MAX_TOKENS_LIMIT`) behind an error of Apollo Server's parse
   * aborted by the token limit (its own code is `GRAPHQL_PARSE_FAILED`); undefined for any other error (the rules'
   * refusals carry theirs as `originalError` already).
   */
  refusalOf(error: unknown): OperationLimitError | undefined;
  /**
   * Parses a subscription's document (without locations: parsed documents are shared).
   * @throws {@link OperationLimitError} `MAX_TOKENS_LIMIT` beyond `MAX_QUERY_TOKENS` tokens (counted); the
   *   `GraphQLError` of any other syntax error.
   */
  parse(text: string): DocumentNode;
  /**
   * Validates a subscription's document against `schema` with graphql's rules and the limit rules.
   * @returns its errors, the limits' refusals first (a refused document is refused for its limit, not its fields).
   */
  validate(schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[];
}

/** graphql-js' message when `maxTokens` stops a parse (16.x spells it "more that"). */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/;

/** Creates the {@link OperationLimits} of `options.limits`. */
export function createOperationLimits(options: OperationLimitsOptions): OperationLimits {
  const { limits, onRefused } = options;
  const maxTokens = limits.maxQueryTokens;
  const rules = operationLimitRules(options);
  const tokenRefusal = (): OperationLimitError =>
    new OperationLimitError('MAX_TOKENS_LIMIT', `Token limit of ${maxTokens} exceeded: the document contains more than ${maxTokens} tokens.`, {
      limit: { name: 'tokens', max: maxTokens },
    });
  /** Whether `error` is graphql's abort of a parse at this gateway's token limit. */
  const overTokens = (error: unknown): boolean => error instanceof Error && TOKEN_LIMIT_MESSAGE.exec(error.message)?.[1] === String(maxTokens);
  return {
    rules,
    parseOptions: { maxTokens },
    plugin: {
      async requestDidStart() {
        return {
          async parsingDidStart() {
            return async (error) => {
              if (error && overTokens(error)) onRefused?.('tokens');
            };
          },
        };
      },
    },
    refusalOf(error) {
      if (!(error instanceof GraphQLError) || error.extensions['code'] !== 'GRAPHQL_PARSE_FAILED') return undefined;
      return overTokens(error.originalError ?? error) ? tokenRefusal() : undefined;
    },
    parse(text) {
      try {
        return parse(text, { noLocation: true, maxTokens });
      } catch (error) {
        if (!overTokens(error)) throw error;
        onRefused?.('tokens');
        throw tokenRefusal();
      }
    },
    validate(schema, document) {
      const errors = validate(schema, document, [...rules, ...specifiedRules]);
      return [...errors].sort((a, b) => Number(isRefusal(b)) - Number(isRefusal(a)));
    },
  };
}

function isRefusal(error: GraphQLError): boolean {
  return error.originalError instanceof OrchestraError;
}
