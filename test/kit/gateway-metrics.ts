/**
 * The value of one Prometheus sample that `url`'s server serves at `/metrics` (a counter or gauge with exactly these
 * labels, in the order given), or 0 when it has no such sample yet (prom-client omits a labelled counter never
 * incremented).
 */
export async function metricValue(url: string, name: string, labels: Readonly<Record<string, string>> = {}): Promise<number> {
  const response = await fetch(new URL('/metrics', url));
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  const text = await response.text();
  const labelText = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .join(',');
  const sample = labelText ? `${name}{${labelText}}` : name;
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line === undefined ? 0 : Number(line.slice(sample.length + 1));
}

/** The gateway's `orchestra_gateway_operation_limit_refusals_total` for one `limit` (`depth`, `batch`, ...). */
export function limitRefusals(gatewayUrl: string, limit: string): Promise<number> {
  return metricValue(gatewayUrl, 'orchestra_gateway_operation_limit_refusals_total', { limit });
}
