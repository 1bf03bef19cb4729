import { isCompositeType, isSubtype, type CompositeType, type Schema } from '@apollo/federation-internals';

/** Facts about one API schema that every compiled shaper of it shares. */
export interface SchemaFacts {
  /** The kind (`ObjectType`, `InterfaceType`, `UnionType`, `ScalarType`, …) of each type, built-ins included, by name. */
  readonly kinds: Readonly<Record<string, string>>;
  /** `true` for each composite type's name. */
  readonly composite: Readonly<Record<string, true>>;
  /** For a type condition's name, the names of the types `T` with `isSubtype(condition, T)`; filled on demand. */
  readonly subtypes: Map<string, ReadonlySet<string>>;
}

const SCHEMA_FACTS = new WeakMap<Schema, SchemaFacts>();

/**
 * The {@link SchemaFacts} of `schema`, computed on its first use and kept as long as the schema lives (a WeakMap: a
 * supergraph reload's new schema gets its own).
 */
export function schemaFacts(schema: Schema): SchemaFacts {
  let facts = SCHEMA_FACTS.get(schema);
  if (!facts) {
    const kinds: Record<string, string> = Object.create(null) as Record<string, string>;
    const composite: Record<string, true> = Object.create(null) as Record<string, true>;
    for (const type of schema.allTypes()) {
      kinds[type.name] = type.kind;
      if (isCompositeType(type)) composite[type.name] = true;
    }
    facts = { kinds, composite, subtypes: new Map() };
    SCHEMA_FACTS.set(schema, facts);
  }
  return facts;
}

/**
 * The names of the types `T` of `schema` with `isSubtype(condition, T)` (federation-internals' rules, as
 * computeResponse's `typeConditionApplies` uses them): the types a fragment on `condition` applies to.
 */
export function subtypesOf(schema: Schema, facts: SchemaFacts, condition: CompositeType): ReadonlySet<string> {
  let names = facts.subtypes.get(condition.name);
  if (!names) {
    names = new Set(
      schema
        .allTypes()
        .filter((type) => isSubtype(condition, type))
        .map((type) => type.name),
    );
    facts.subtypes.set(condition.name, names);
  }
  return names;
}
