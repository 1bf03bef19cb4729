import type { ValidationRule } from 'graphql';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { OrchestraConfig } from '../platform/config.ts';

/**
 * The validation rules enforcing the operation limits of `config.limits`: depth (`MAX_QUERY_DEPTH`), aliases
 * (`MAX_QUERY_ALIASES`) and directives (`MAX_QUERY_DIRECTIVES`), counted across the operation and the fragments it
 * spreads (graphql-armor). A refusal is a validation error (`GRAPHQL_VALIDATION_FAILED`, HTTP 400) whose message names
 * the limit's value (`exposeLimits`). The token limit (`MAX_QUERY_TOKENS`) is not a rule: it is graphql's parse option
 * `maxTokens` (see {@link operationParseOptions}), which aborts the parse before its full cost.
 */
export function operationLimitRules(limits: OrchestraConfig['limits']): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false } as const;
  return [
    maxDepthRule({ ...common, n: limits.maxQueryDepth, onReject: [(context, error) => context?.reportError(error)] }),
    maxAliasesRule({ ...common, n: limits.maxQueryAliases, onReject: [(context, error) => context?.reportError(error)] }),
    maxDirectivesRule({ ...common, n: limits.maxQueryDirectives, onReject: [(context, error) => context?.reportError(error)] }),
  ];
}

/**
 * graphql `parse` options enforcing `MAX_QUERY_TOKENS`: the lexer stops after that many tokens with a syntax error
 * ("Document contains more that N tokens. Parsing aborted."), answered as `GRAPHQL_PARSE_FAILED` (HTTP 400).
 */
export function operationParseOptions(limits: OrchestraConfig['limits']): { maxTokens: number } {
  return { maxTokens: limits.maxQueryTokens };
}
