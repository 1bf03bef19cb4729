import { Kind, parse, type ConstDirectiveNode, type ConstValueNode, type DocumentNode } from 'graphql';

/** The cost spec's URL, without its version (`https://specs.apollo.dev/cost/v0.1` in a supergraph composed from v2.9). */
const COST_SPEC_URL = 'https://specs.apollo.dev/cost/';

/**
 * A field's `@listSize` (IBM GraphQL Cost Directives specification): how many items a list it returns, or
 * the lists of its `sizedFields`, hold.
 */
export interface ListSize {
  /** The size assumed when no slicing argument is given. @defaultValue none (then `QUERY_COST_LIST_SIZE`) */
  readonly assumedSize: number | undefined;
  /** Arguments whose value bounds the list's size (the largest given wins). */
  readonly slicingArguments: readonly string[];
  /** Fields of the returned object that are the sized lists (a connection's `edges`), instead of the field itself. */
  readonly sizedFields: readonly string[];
  /** Whether exactly one slicing argument must be given (spec default true; recorded, not enforced). */
  readonly requireOneSlicingArgument: boolean;
}

/**
 * The `@cost` and `@listSize` directives of a composed supergraph, by coordinate. The API schema Apollo's gateway
 * derives drops them, so they are read from the supergraph's SDL.
 */
export interface CostDirectives {
  /** `@cost(weight:)` of field `type.field` (`FIELD_DEFINITION`), or undefined. */
  fieldWeight(typeName: string, fieldName: string): number | undefined;
  /** `@cost(weight:)` of a type (`OBJECT`, `SCALAR`, `ENUM`), or undefined. */
  typeWeight(typeName: string): number | undefined;
  /** `@cost(weight:)` of argument `argument` of `type.field` (`ARGUMENT_DEFINITION`), or undefined. */
  argumentWeight(typeName: string, fieldName: string, argument: string): number | undefined;
  /** `@cost(weight:)` of input field `inputType.field` (`INPUT_FIELD_DEFINITION`), or undefined. */
  inputFieldWeight(inputType: string, fieldName: string): number | undefined;
  /** `@listSize` of field `type.field`, or undefined. */
  listSize(typeName: string, fieldName: string): ListSize | undefined;
}

/** No directives at all: every weight and size is the default. */
export const NO_COST_DIRECTIVES: CostDirectives = Object.freeze({
  fieldWeight: () => undefined,
  typeWeight: () => undefined,
  argumentWeight: () => undefined,
  inputFieldWeight: () => undefined,
  listSize: () => undefined,
});

/**
 * Reads `@cost` and `@listSize` from a composed supergraph's SDL (`coreSupergraphSdl` of the gateway's
 * `onSchemaLoadOrUpdate`), under the names its `@link(url: "https://specs.apollo.dev/cost/v0.x")` gives them
 * (imported as `@cost`/`@listSize`, renamed by `import: [{ name, as }]`, or namespaced `@cost__listSize`).
 * A supergraph without the cost link has none ({@link NO_COST_DIRECTIVES}).
 * @throws the GraphQL syntax error of an SDL that does not parse.
 */
export function readCostDirectives(supergraphSdl: string): CostDirectives {
  const document = parse(supergraphSdl, { noLocation: true });
  const names = costDirectiveNames(document);
  if (!names) return NO_COST_DIRECTIVES;
  const weights = new Map<string, number>();
  const sizes = new Map<string, ListSize>();
  const record = (coordinate: string, directives: readonly ConstDirectiveNode[] | undefined, withListSize: boolean): void => {
    for (const directive of directives ?? []) {
      if (directive.name.value === names.cost) {
        const weight = argumentOf(directive, 'weight');
        if (weight?.kind === Kind.INT) weights.set(coordinate, Number(weight.value));
      } else if (withListSize && directive.name.value === names.listSize) {
        sizes.set(coordinate, listSizeOf(directive));
      }
    }
  };
  for (const definition of document.definitions) {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_EXTENSION:
        record(definition.name.value, definition.directives, false);
        for (const field of definition.fields ?? []) {
          const coordinate = `${definition.name.value}.${field.name.value}`;
          record(coordinate, field.directives, true);
          for (const argument of field.arguments ?? []) record(`${coordinate}(${argument.name.value}:)`, argument.directives, false);
        }
        break;
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      case Kind.INPUT_OBJECT_TYPE_EXTENSION:
        for (const field of definition.fields ?? []) record(`${definition.name.value}.${field.name.value}`, field.directives, false);
        break;
      case Kind.SCALAR_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_DEFINITION:
        record(definition.name.value, definition.directives, false);
        break;
      default:
        break;
    }
  }
  return {
    fieldWeight: (typeName, fieldName) => weights.get(`${typeName}.${fieldName}`),
    typeWeight: (typeName) => weights.get(typeName),
    argumentWeight: (typeName, fieldName, argument) => weights.get(`${typeName}.${fieldName}(${argument}:)`),
    inputFieldWeight: (inputType, fieldName) => weights.get(`${inputType}.${fieldName}`),
    listSize: (typeName, fieldName) => sizes.get(`${typeName}.${fieldName}`),
  };
}

/**
 * The names the schema's cost `@link` gives `@cost` and `@listSize` (link spec: an imported directive keeps its name or
 * its `as`; else it is `@<prefix>__<name>`, the spec's own-named `@cost` being `@<prefix>`), or undefined without it.
 */
function costDirectiveNames(document: DocumentNode): { cost: string; listSize: string } | undefined {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of definition.directives ?? []) {
      if (link.name.value !== 'link') continue;
      const url = argumentOf(link, 'url');
      if (url?.kind !== Kind.STRING || !url.value.startsWith(COST_SPEC_URL)) continue;
      const as = argumentOf(link, 'as');
      const prefix = as?.kind === Kind.STRING ? as.value : 'cost';
      const names = { cost: prefix, listSize: `${prefix}__listSize` };
      const imports = argumentOf(link, 'import');
      for (const entry of imports?.kind === Kind.LIST ? imports.values : []) {
        const [name, alias] = importOf(entry);
        if (name === '@cost') names.cost = alias.slice(1);
        if (name === '@listSize') names.listSize = alias.slice(1);
      }
      return names;
    }
  }
  return undefined;
}

/** One `import:` entry of a `@link`: `"@name"` or `{ name: "@name", as: "@alias" }`, as [name, alias]. */
function importOf(entry: ConstValueNode): [string, string] {
  if (entry.kind === Kind.STRING) return [entry.value, entry.value];
  if (entry.kind !== Kind.OBJECT) return ['', ''];
  const field = (key: string): string | undefined => {
    const value = entry.fields.find((f) => f.name.value === key)?.value;
    return value?.kind === Kind.STRING ? value.value : undefined;
  };
  const name = field('name') ?? '';
  return [name, field('as') ?? name];
}

function listSizeOf(directive: ConstDirectiveNode): ListSize {
  const assumed = argumentOf(directive, 'assumedSize');
  const requireOne = argumentOf(directive, 'requireOneSlicingArgument');
  return {
    assumedSize: assumed?.kind === Kind.INT ? Number(assumed.value) : undefined,
    slicingArguments: stringsOf(argumentOf(directive, 'slicingArguments')),
    sizedFields: stringsOf(argumentOf(directive, 'sizedFields')),
    // The spec's default (and the directive definition's): true.
    requireOneSlicingArgument: requireOne?.kind === Kind.BOOLEAN ? requireOne.value : true,
  };
}

function argumentOf(directive: ConstDirectiveNode, name: string): ConstValueNode | undefined {
  return directive.arguments?.find((argument) => argument.name.value === name)?.value;
}

function stringsOf(value: ConstValueNode | undefined): string[] {
  if (value?.kind === Kind.STRING) return [value.value];
  if (value?.kind !== Kind.LIST) return [];
  return value.values.flatMap((item) => (item.kind === Kind.STRING ? [item.value] : []));
}
