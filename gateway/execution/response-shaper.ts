import {
  ERRORS,
  isCompositeType,
  isCustomScalarType,
  isEnumType,
  isListType,
  isNonNullType,
  isVariable,
  typenameFieldName,
  type CompositeType,
  type Directive,
  type FieldSelection,
  type FragmentSelection,
  type Operation,
  type OperationElement,
  type Schema,
  type SelectionSet,
  type Type,
} from '@apollo/federation-internals';
import type { GraphQLError } from 'graphql';
import { schemaFacts, subtypesOf, type SchemaFacts } from './schema-facts.ts';
import { UnsupportedOperationError } from './unsupported-operation.ts';

/** What a {@link ResponseShaper} returns: the client's `data` and the value-completion errors met on the way. */
export interface ShapedResponse {
  /** The response data in operation order; `null` when a null reached the root through non-null fields. */
  readonly data: Record<string, unknown> | null;
  /**
   * Value-completion errors (`extensions.code` `INVALID_GRAPHQL`, with `path`): a null in a non-null position, a
   * value invalid for its type (an enum value absent from the API schema, e.g. `@inaccessible`), an unknown
   * `__typename`. The messages and paths are those of Apollo's `computeResponse`.
   */
  readonly errors: GraphQLError[];
}

/**
 * Shapes the merged subgraph data of one operation (the gateway's "unfiltered data": every fetch's answer deep-merged,
 * with keys, `__typename`s and `@requires` inputs the client never asked for) into the client's response.
 * `variables` are the request's, without defaults (the operation's defaults are compiled in).
 * @throws Error on a subgraph answer of the wrong shape (a list where an object belongs, …) or a `@skip`/`@include`
 *   variable that is not a boolean, with the message of Apollo's assertion; the gateway answers it as Apollo does.
 */
export type ResponseShaper = (input: Record<string, unknown>, variables: Readonly<Record<string, unknown>> | undefined) => ShapedResponse;

/**
 * Compiles the response shaping of `operation` (a federation-internals operation of the API schema) into generated
 * JavaScript (`new Function`), as graphql-jit (zalando-incubator/graphql-jit) and Hive Gateway compile execution: one
 * function per selection set, with `@skip`/`@include` of literals decided at compile time, leaf checks specialised by
 * type, and type conditions looked up in precomputed sets. Its output is that of Apollo's interpretive
 * `computeResponse` (`@apollo/gateway` resultShaping.js) for the same input — same field order (aliases and fragments
 * merged in operation order), `__typename` answered from the data or the parent type, abstract types resolved by
 * `__typename`, fields the client did not select dropped, non-null violations nulling the nearest nullable parent with
 * one error, values invalid in the API schema nulled with an error — which the tests check side by side.
 * @throws {@link UnsupportedOperationError} for introspection fields (`__schema`, `__type`), which Apollo's executor
 *   answers, and for a `__proto__` alias.
 */
export function compileResponseShaper(operation: Operation): ResponseShaper {
  const schema = operation.schema();
  const facts = schemaFacts(schema);
  const program = new ShaperProgram(schema, facts);
  const root = program.selectionSet(operation.selectionSet);
  const rootType = schema.schemaDefinition.rootType(operation.rootKind);
  if (!rootType) throw new UnsupportedOperationError('planning-failed', `the schema has no ${operation.rootKind} root type`);
  const defaults = program.constant(operation.collectDefaultedVariableValues());
  const source = [
    '"use strict";',
    ...program.constantDeclarations(),
    'let errors = [], path = [], vars = null;',
    ...program.functionSources(),
    'return function shape(input, variables) {',
    '  if (!input) return { data: input, errors: [] };',
    '  errors = []; path = [];',
    program.usesVariables ? `  vars = Object.assign(Object.create(null), ${defaults}, variables);` : '',
    '  const data = {};',
    `  const bubbled = ${root}(input, data, ${JSON.stringify(rootType.name)});`,
    '  const result = { data: bubbled ? null : data, errors };',
    '  errors = []; path = []; vars = null;',
    '  return result;',
    '};',
  ].join('\n');
  // The compiled shaper: its text comes from the schema and the operation only (names and JSON-quoted strings).
  const factory = new Function('K', 'E', 'BV', 'KIND', 'COMP', source) as (...args: unknown[]) => ResponseShaper;
  return factory(program.constants, invalidGraphQL, booleanVariable, facts.kinds, facts.composite);
}

function invalidGraphQL(message: string, path: readonly (string | number)[]): GraphQLError {
  return ERRORS.INVALID_GRAPHQL.err(message, { path });
}

/** `ifValue` of computeResponse: a `@skip`/`@include` variable must hold a boolean. */
function booleanVariable(value: unknown, variable: string, directive: string): boolean {
  if (typeof value !== 'boolean') throw new Error(`Unexpected value ${String(value)} for variable ${variable} of ${directive}`);
  return value;
}

/** The JavaScript variable names of one `updateOutputValue` result: the value, `isInvalid`, `hasErrors`. */
interface Result {
  readonly u: string;
  readonly v: string;
  readonly h: string;
}

/** Builds the JS expression describing the position of a value of the given type, for error messages. */
type Description = (typeText: string) => string;

const fieldDescription =
  (responseName: string): Description =>
  () =>
    `"field " + pt + ${JSON.stringify(`.${responseName}`)}`;
const elementDescription =
  (index: string): Description =>
  (typeText) =>
    `${JSON.stringify(`array element of type ${typeText} at index `)} + ${index}`;

/** The generated source of one shaper: its functions and the constants they use. */
class ShaperProgram {
  readonly constants: unknown[] = [];
  usesVariables = false;
  private readonly functions: string[] = [];
  private readonly ids = new Map<SelectionSet, string>();
  private counter = 0;

  constructor(
    private readonly schema: Schema,
    private readonly facts: SchemaFacts,
  ) {}

  constant(value: unknown): string {
    this.constants.push(value);
    return `k${this.constants.length - 1}`;
  }

  constantDeclarations(): string[] {
    return this.constants.map((_, index) => `const k${index} = K[${index}];`);
  }

  functionSources(): string[] {
    return this.functions;
  }

  /** The name of the function `(input, output, pt) => bubbled` applying `selectionSet` (generated once per set). */
  selectionSet(selectionSet: SelectionSet): string {
    const known = this.ids.get(selectionSet);
    if (known) return known;
    const id = `s${this.ids.size}`;
    this.ids.set(selectionSet, id);
    const body: string[] = [];
    for (const selection of selectionSet.selections()) {
      const skip = this.skipCondition(selection.element);
      if (skip === 'true') continue;
      const code = selection.kind === 'FieldSelection' ? this.field(selection) : this.fragment(selection);
      if (skip === 'false') body.push(...code);
      else body.push(`if (!(${skip})) {`, ...code, '}');
    }
    this.functions.push(`function ${id}(input, output, pt) {`, ...body, 'return false;', '}');
    return id;
  }

  private fresh(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  private result(): Result {
    const n = this.counter++;
    return { u: `u${n}`, v: `v${n}`, h: `h${n}` };
  }

  /** `shouldSkip` of computeResponse, as a JS expression (`'true'`/`'false'` when decided at compile time). */
  private skipCondition(element: OperationElement): string {
    const skip = element.appliedDirectivesOf(this.schema.skipDirective())[0];
    const include = element.appliedDirectivesOf(this.schema.includeDirective())[0];
    const skipped = skip ? this.ifValue(skip) : 'false';
    const notIncluded = include ? negate(this.ifValue(include)) : 'false';
    if (skipped === 'true') return 'true';
    if (skipped === 'false') return notIncluded;
    return notIncluded === 'false' ? skipped : `(${skipped}) || (${notIncluded})`;
  }

  private ifValue(directive: Directive<OperationElement, { if: unknown }>): string {
    const condition = directive.arguments().if;
    if (!isVariable(condition)) return condition ? 'true' : 'false';
    this.usesVariables = true;
    return `BV(vars[${JSON.stringify(condition.name)}], ${JSON.stringify(String(condition))}, ${JSON.stringify(String(directive))})`;
  }

  private field(selection: FieldSelection): string[] {
    const field = selection.element;
    if (field.definition.isSchemaIntrospectionField()) {
      throw new UnsupportedOperationError('introspection', `${field.name} is answered by Apollo's executor`);
    }
    const responseName = field.responseName();
    if (responseName === '__proto__') throw new UnsupportedOperationError('reserved-response-name', 'the alias __proto__');
    const key = JSON.stringify(responseName);
    const read = responseName in Object.prototype ? `(Object.prototype.hasOwnProperty.call(input, ${key}) ? input[${key}] : undefined)` : `input[${key}]`;
    if (field.name === typenameFieldName) {
      return [
        `if (output[${key}] === undefined) {`,
        `let t = ${read} ?? null;`,
        ...(responseName === typenameFieldName ? [] : ['if (t === null) t = input.__typename ?? null;']),
        't = t !== null && typeof t === "string" && KIND[t] !== undefined ? t : pt;',
        'if (KIND[t] !== "ObjectType") return true;',
        `output[${key}] = t;`,
        '}',
      ];
    }
    const type = field.definition.type;
    if (!type) throw new UnsupportedOperationError('planning-failed', `the field ${field.name} has no type`);
    const i = this.fresh('i');
    const o = this.fresh('o');
    const r = this.result();
    return [
      '{',
      `const ${i} = ${read} ?? null;`,
      `const ${o} = output[${key}];`,
      `path.push(${key});`,
      `let ${r.u}, ${r.v}, ${r.h};`,
      ...this.value(type, selection.selectionSet, o, i, r, fieldDescription(responseName), false),
      `output[${key}] = ${r.u};`,
      'path.pop();',
      `if (${r.v}) return true;`,
      '}',
    ];
  }

  private fragment(selection: FragmentSelection): string[] {
    const condition = selection.element.typeCondition;
    const apply = this.selectionSet(selection.selectionSet);
    const tn = this.fresh('tn');
    const lines = [
      `const ${tn} = input.__typename;`,
      `if (${tn} && typeof ${tn} !== "string") throw new Error("Got unexpected value for __typename: " + ${tn});`,
    ];
    if (!condition) return ['{', ...lines, `if (${apply}(input, output, pt)) return true;`, '}'];
    const subtypes = this.constant(subtypesOf(this.schema, this.facts, condition));
    return [
      '{',
      ...lines,
      `if (${tn} ? ${subtypes}.has(${tn}) : ${subtypes}.has(pt)) { if (${apply}(input, output, ${JSON.stringify(condition.name)})) return true; }`,
      '}',
    ];
  }

  /**
   * `updateOutputValue` of computeResponse for a value of `type`: JS statements setting `r` from the output value
   * already there (`o`, undefined the first time a response name is met) and the subgraph's value (`i`, never undefined).
   */
  private value(type: Type, selectionSet: SelectionSet | undefined, o: string, i: string, r: Result, describe: Description, outputChecked: boolean): string[] {
    const body = this.valueBody(type, selectionSet, o, i, r, describe);
    if (outputChecked) return body;
    const kept = selectionSet ? `${o} === null` : `${o} !== undefined`;
    return [`if (${kept}) { ${r.u} = ${o}; ${r.v} = false; ${r.h} = false; } else {`, ...body, '}'];
  }

  private valueBody(type: Type, selectionSet: SelectionSet | undefined, o: string, i: string, r: Result, describe: Description): string[] {
    if (isNonNullType(type)) {
      const inner = this.result();
      return [
        `let ${inner.u}, ${inner.v}, ${inner.h};`,
        ...this.value(type.ofType, selectionSet, o, i, inner, describe, true),
        `if (${inner.u} === null) {`,
        `if (!${inner.h}) errors.push(E("Cannot return null for non-nullable " + ${describe(String(type.ofType))} + ".", path.slice()));`,
        `${r.u} = null; ${r.v} = true; ${r.h} = true;`,
        `} else { ${r.u} = ${inner.u}; ${r.v} = false; ${r.h} = false; }`,
      ];
    }
    let body: string[];
    if (isListType(type)) body = this.list(type.ofType, String(type), selectionSet, o, i, r);
    else if (isCompositeType(type)) body = this.composite(type, selectionSet, o, i, r, describe);
    else body = this.leaf(type, i, r, describe);
    return [`if (${i} === null) { ${r.u} = null; ${r.v} = false; ${r.h} = false; } else {`, ...body, '}'];
  }

  private list(elementType: Type, typeText: string, selectionSet: SelectionSet | undefined, o: string, i: string, r: Result): string[] {
    const [n, a, k, nullify, errored, oe, ie] = ['n', 'a', 'k', 'nl', 'er', 'oe', 'ie'].map((prefix) => this.fresh(prefix)) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const element = this.result();
    const notList = JSON.stringify(` returned by subgraph for list type ${typeText}`);
    return [
      `if (!Array.isArray(${i})) throw new Error("Invalid non-list value " + ${i} + ${notList});`,
      `if (${o} !== undefined && !Array.isArray(${o})) throw new Error("Invalid non-list value " + ${o} + ${notList});`,
      `const ${n} = ${i}.length;`,
      `if (${o} !== undefined && ${o}.length !== ${n}) throw new Error("[" + ${i} + "].length (" + ${n} + ") !== [" + ${o} + "].length (" + ${o}.length + ")");`,
      `const ${a} = new Array(${n}); let ${nullify} = false, ${errored} = false;`,
      `for (let ${k} = 0; ${k} < ${n}; ${k}++) {`,
      `const ${oe} = ${o} === undefined ? undefined : ${o}[${k}];`,
      `const ${ie} = ${i}[${k}];`,
      `path.push(${k});`,
      `let ${element.u}, ${element.v}, ${element.h};`,
      ...this.value(elementType, selectionSet, oe, ie, element, elementDescription(k), false),
      'path.pop();',
      `if (${element.v}) ${nullify} = true;`,
      `if (${element.h}) ${errored} = true;`,
      `${a}[${k}] = ${element.u};`,
      '}',
      `${r.u} = ${nullify} ? null : ${a}; ${r.v} = false; ${r.h} = ${errored};`,
    ];
  }

  private composite(type: CompositeType, selectionSet: SelectionSet | undefined, o: string, i: string, r: Result, describe: Description): string[] {
    if (!selectionSet) return [`throw new Error(${JSON.stringify(`Invalid empty selection set for composite type ${type.name}`)});`];
    const apply = this.selectionSet(selectionSet);
    const [tn, out, bubbled] = ['tn', 'out', 'b'].map((prefix) => this.fresh(prefix)) as [string, string, string];
    const notObject = JSON.stringify(` returned by subgraph for composite type ${type.name}`);
    return [
      `if (typeof ${i} !== "object") throw new Error("Invalid non-object value " + ${i} + ${notObject});`,
      `if (${o} !== undefined && typeof ${o} !== "object") throw new Error("Invalid non-object value " + ${i} + ${notObject});`,
      `const ${tn} = ${i}.__typename;`,
      `if (${tn} !== undefined && typeof ${tn} !== "string") throw new Error("Invalid non-string value " + ${tn} + " for __typename at " + path);`,
      `if (${tn} && COMP[${tn}] !== true) {`,
      `errors.push(E("Invalid __typename found for object at " + ${describe(type.name)} + ".", path.slice()));`,
      `${r.u} = null; ${r.v} = false; ${r.h} = true;`,
      '} else {',
      `const ${out} = ${o} === undefined ? {} : ${o};`,
      `const ${bubbled} = ${apply}(${i}, ${out}, ${tn} || ${JSON.stringify(type.name)});`,
      `${r.u} = ${bubbled} ? null : ${out}; ${r.v} = false; ${r.h} = ${bubbled};`,
      '}',
    ];
  }

  private leaf(type: Type, i: string, r: Result, describe: Description): string[] {
    const valid = this.leafCheck(type, i);
    if (valid === 'true') return [`${r.u} = ${i}; ${r.v} = false; ${r.h} = false;`];
    return [
      `if (${valid}) { ${r.u} = ${i}; ${r.v} = false; ${r.h} = false; }`,
      `else { errors.push(E("Invalid value found for " + ${describe(String(type))} + ".", path.slice())); ${r.u} = null; ${r.v} = false; ${r.h} = true; }`,
    ];
  }

  /** `isValidLeafValue` of federation-internals (values.ts), specialised to `type`, as a JS expression over `i`. */
  private leafCheck(type: Type, i: string): string {
    if (isCustomScalarType(type)) return 'true';
    const integer = `(typeof ${i} === "number" && Number.isInteger(${i}) && ${i} < 1e21 && ${i} > -1e21)`;
    if (isEnumType(type)) return `(typeof ${i} === "string" && ${this.constant(new Set(type.values.map((value) => value.name)))}.has(${i}))`;
    switch (String(type)) {
      case 'Boolean':
        return `typeof ${i} === "boolean"`;
      case 'Int':
        return integer;
      case 'ID':
        return `(typeof ${i} === "string" || ${integer})`;
      case 'Float':
        return `(typeof ${i} === "number" && Number.isFinite(${i}))`;
      case 'String':
        return `typeof ${i} === "string"`;
      default:
        return 'false';
    }
  }
}

function negate(expression: string): string {
  if (expression === 'true') return 'false';
  if (expression === 'false') return 'true';
  return `!${expression}`;
}
