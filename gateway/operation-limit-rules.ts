import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { OrchestraConfig } from '../platform/config.ts';
import { IntrospectionDisabledError, OperationLimitError, type OperationLimitErrorCode } from '../platform/errors.ts';

/**
 * The gateway's operation limits, as the `limit` label of `orchestra_gateway_operation_limit_refusals_total` and the
 * `extensions.limit.name` of a refusal (`batch` is refused before parsing, by batch-requests.ts).
 */
export type OperationLimitName = 'depth' | 'aliases' | 'root_fields' | 'directives' | 'tokens' | 'batch' | 'introspection';

/** Options of {@link operationLimitRules}. */
export interface OperationLimitRulesOptions {
  readonly limits: OrchestraConfig['limits'];
  /** Whether `__schema`/`__type` may be selected (`config.gateway.introspection`). */
  readonly introspection: boolean;
  /** Called once per refusal (per operation and limit), with the limit's name: the refusal metric. @defaultValue none */
  readonly onRefused?: ((limit: OperationLimitName) => void) | undefined;
}

/**
 * The validation rules enforcing the operation limits that need the parsed document: depth (`MAX_QUERY_DEPTH`),
 * aliases (`MAX_QUERY_ALIASES`) and directives (`MAX_QUERY_DIRECTIVES`), counted across the operation and the
 * fragments it spreads (graphql-armor), root fields (`MAX_ROOT_FIELDS`, through fragments on the root type), and —
 * when introspection is off — no `__schema`/`__type` (`__typename` is always allowed). Each refusal is reported as a
 * `GraphQLError` whose `originalError` is an {@link OperationLimitError} (`MAX_DEPTH_LIMIT`, ...) or an
 * {@link IntrospectionDisabledError}, which the gateway's `formatError` answers with its own code and
 * `extensions.limit` (HTTP 400). The token limit is the parse's (see operation-limits.ts). The rules need no schema
 * types: the same rules check HTTP operations (Apollo Server's `validationRules`) and subscriptions.
 */
export function operationLimitRules(options: OperationLimitRulesOptions): ValidationRule[] {
  const { limits, onRefused } = options;
  const common = { exposeLimits: true, propagateOnRejection: false } as const;
  const refuse =
    (code: OperationLimitErrorCode, name: OperationLimitName, max: number) =>
    (context: ValidationContext | null, error: GraphQLError): void => {
      onRefused?.(name);
      const message = error.message.replace(/^Syntax Error: /, '');
      context?.reportError(new GraphQLError(message, { originalError: new OperationLimitError(code, message, { limit: { name, max } }) }));
    };
  return [
    maxDepthRule({ ...common, n: limits.maxQueryDepth, onReject: [refuse('MAX_DEPTH_LIMIT', 'depth', limits.maxQueryDepth)] }),
    maxAliasesRule({ ...common, n: limits.maxQueryAliases, onReject: [refuse('MAX_ALIASES_LIMIT', 'aliases', limits.maxQueryAliases)] }),
    maxRootFieldsRule(limits.maxRootFields, onRefused),
    maxDirectivesRule({ ...common, n: limits.maxQueryDirectives, onReject: [refuse('MAX_DIRECTIVES_LIMIT', 'directives', limits.maxQueryDirectives)] }),
    ...(options.introspection ? [] : [noIntrospectionRule(onRefused)]),
  ];
}

/**
 * Refuses an operation selecting more than `max` root fields (`MAX_ROOT_FIELDS_LIMIT`): every field of its root
 * selection set, those of inline fragments and fragment spreads on the root included (each spread fragment once).
 */
function maxRootFieldsRule(max: number, onRefused: OperationLimitRulesOptions['onRefused']): ValidationRule {
  return (context): ASTVisitor => ({
    OperationDefinition(operation) {
      const found = countRootFields(context, operation.selectionSet, new Set());
      if (found <= max) return;
      onRefused?.('root_fields');
      const message = `Root fields limit of ${max} exceeded, found ${found}.`;
      const limit = { name: 'root_fields', max };
      context.reportError(
        new GraphQLError(message, { nodes: [operation], originalError: new OperationLimitError('MAX_ROOT_FIELDS_LIMIT', message, { limit }) }),
      );
    },
  });
}

function countRootFields(context: ValidationContext, selectionSet: SelectionSetNode, spread: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count++;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += countRootFields(context, selection.selectionSet, spread);
    else if (!spread.has(selection.name.value)) {
      // A fragment spread twice selects the same fields; a cycle (refused by NoFragmentCyclesRule) stops here.
      spread.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += countRootFields(context, fragment.selectionSet, spread);
    }
  }
  return count;
}

/** The introspection fields a client may not select with introspection off (`__typename` stays allowed). */
const INTROSPECTION_FIELDS: ReadonlySet<string> = new Set(['__schema', '__type']);

/** Refuses `__schema` and `__type` (INTROSPECTION_DISABLED), wherever they are selected; counted once per document. */
function noIntrospectionRule(onRefused: OperationLimitRulesOptions['onRefused']): ValidationRule {
  return (context): ASTVisitor => {
    let counted = false;
    return {
      Field(node) {
        if (!INTROSPECTION_FIELDS.has(node.name.value)) return;
        if (!counted) onRefused?.('introspection');
        counted = true;
        const message = `Introspection is not allowed on this gateway, but the operation selects ${node.name.value}: use the published schema instead (__typename is always allowed)`;
        const error = new IntrospectionDisabledError(message, { limit: { name: 'introspection' } });
        context.reportError(new GraphQLError(message, { nodes: [node], originalError: error }));
      },
    };
  };
}
