import type { DataSource, EntitySchema } from 'typeorm';

/** One INSERT of an entity as SQL text and its parameters, for composing into a larger statement. */
export interface EntityInsert {
  /** `INSERT INTO "schema"."table" ("col", …) VALUES ($n, …)`, numbered from the `firstParameter` given. */
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** The columns of a schema as {@link entityInsert} writes them, computed once per schema. */
interface InsertShape {
  readonly table: string;
  readonly columns: readonly { readonly property: string; readonly column: string; readonly json: boolean }[];
}

const shapes = new WeakMap<object, InsertShape>();

/**
 * The INSERT of one row of `schema` with every column of its metadata (property values as they are; `json`/`jsonb`
 * columns serialised with `JSON.stringify`, `undefined` as NULL), parameters numbered from `firstParameter` (1-based).
 * For hot paths that write several tables in one statement (data-modifying CTEs, PostgreSQL manual §7.8.4): TypeORM's
 * own insert builds its SQL anew on every call and runs one statement per table.
 * @throws {Error} when `schema` is not an entity of `dataSource`.
 */
export function entityInsert<T extends object>(dataSource: DataSource, schema: EntitySchema<T>, entity: T, firstParameter = 1): EntityInsert {
  let shape = shapes.get(schema);
  if (!shape) {
    const metadata = dataSource.getMetadata(schema);
    shape = {
      table: metadata.tablePath
        .split('.')
        .map((part) => `"${part}"`)
        .join('.'),
      columns: metadata.columns.map((c) => ({
        property: c.propertyName,
        column: c.databaseName,
        json: c.type === 'json' || c.type === 'jsonb',
      })),
    };
    shapes.set(schema, shape);
  }
  const values = entity as Record<string, unknown>;
  const parameters = shape.columns.map(({ property, json }) => {
    const value = values[property];
    if (value === undefined || value === null) return null;
    return json ? JSON.stringify(value) : value;
  });
  const sql =
    `INSERT INTO ${shape.table} (${shape.columns.map((c) => `"${c.column}"`).join(', ')}) ` +
    `VALUES (${shape.columns.map((_, i) => `$${firstParameter + i}`).join(', ')})`;
  return { sql, parameters };
}
