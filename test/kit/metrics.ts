/**
 * The value of one series of a gateway's Prometheus `/metrics` (`series` as it is printed, labels included, e.g.
 * `orchestra_gateway_rate_limit_refusals_total{limit="subject"}`); 0 when the series is absent.
 */
export async function metricValue(gatewayUrl: string, series: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', gatewayUrl))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}
