/** Timeout of one subgraph health probe, in ms. */
export const READINESS_PROBE_TIMEOUT_MS = 2_000;

/** Health of each subgraph as seen by the gateway's `/readyz`. */
export interface ReadinessReport {
  readonly ready: boolean;
  readonly subgraphs: Readonly<Record<string, 'ok' | 'unavailable'>>;
}

/**
 * Probes `GET /healthz` of every subgraph (derived from its GraphQL URL) in parallel; ready when all answer 200
 * within {@link READINESS_PROBE_TIMEOUT_MS}.
 */
export async function checkReadiness(subgraphUrls: Readonly<Record<string, string>>): Promise<ReadinessReport> {
  const entries = await Promise.all(
    Object.entries(subgraphUrls).map(async ([name, url]) => {
      const healthUrl = new URL('/healthz', url);
      try {
        const response = await fetch(healthUrl, { signal: AbortSignal.timeout(READINESS_PROBE_TIMEOUT_MS) });
        await response.body?.cancel();
        return [name, response.ok ? 'ok' : 'unavailable'] as const;
      } catch {
        return [name, 'unavailable'] as const;
      }
    }),
  );
  return { ready: entries.every(([, status]) => status === 'ok'), subgraphs: Object.fromEntries(entries) };
}
