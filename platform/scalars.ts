import { DateTimeResolver, JSONResolver } from 'graphql-scalars';

/** Resolvers of the `JSON` and `DateTime` scalars every subgraph declares (graphql-scalars). */
export const scalarResolvers = { JSON: JSONResolver, DateTime: DateTimeResolver } as const;
