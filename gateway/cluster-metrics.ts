import cluster, { type Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, type Registry } from 'prom-client';

/** IPC message a gateway worker sends the primary to get every worker's metrics, summed. */
const REQUEST = 'orchestra:cluster-metrics';
/** The primary's answer: the Prometheus text, or an error message. */
const RESULT = 'orchestra:cluster-metrics-result';
/** How long a worker waits for the primary's answer, in ms (prom-client's own per-request timeout is 5 s). */
const ANSWER_TIMEOUT_MS = 6_000;

interface ResultMessage {
  readonly type: typeof RESULT;
  readonly id: string;
  readonly text?: string;
  readonly error?: string;
}

/**
 * The gateway's Prometheus text. In a process of its own: `registry`'s metrics. In a `node:cluster` worker
 * (`GATEWAY_WORKERS` > 1), where a scrape reaches whichever worker the primary hands the connection to: every
 * worker's metrics aggregated by the primary with prom-client's `AggregatorRegistry` (counters, gauges and histograms
 * summed over the workers), so one scrape sees the whole gateway. The worker's `registry` must have been passed to
 * {@link shareWithCluster}.
 * @throws when the primary does not answer within 6 s.
 */
export function gatewayMetricsText(registry: Registry): Promise<string> {
  if (!cluster.isWorker || !process.send) return registry.metrics();
  const id = randomUUID();
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error('the cluster primary did not answer with metrics')), ANSWER_TIMEOUT_MS);
    const onMessage = (message: unknown): void => {
      const m = message as Partial<ResultMessage> | null;
      if (m?.type === RESULT && m.id === id) finish(m.error ? new Error(m.error) : undefined, m.text ?? '');
    };
    const finish = (error?: Error, text = ''): void => {
      clearTimeout(timer);
      process.off('message', onMessage);
      if (error) reject(error);
      else resolve(text);
    };
    process.on('message', onMessage);
    process.send?.({ type: REQUEST, id });
  });
}

/**
 * In a cluster worker, makes prom-client answer the primary's aggregation requests from `registry` (constructing an
 * `AggregatorRegistry` is what installs prom-client's worker-side listener).
 */
export function shareWithCluster(registry: Registry): void {
  if (!cluster.isWorker) return;
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry();
}

/**
 * In the cluster primary: answers workers' {@link gatewayMetricsText} requests with the aggregate of every worker.
 * @returns a function that stops answering.
 */
export function serveClusterMetrics(): () => void {
  const aggregator = new AggregatorRegistry();
  const onMessage = (worker: Worker, message: unknown): void => {
    const m = message as { type?: string; id?: string } | null;
    if (m?.type !== REQUEST || typeof m.id !== 'string') return;
    const id = m.id;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: RESULT, id, text } satisfies ResultMessage),
      (error: unknown) => worker.send({ type: RESULT, id, error: (error as Error).message } satisfies ResultMessage),
    );
  };
  cluster.on('message', onMessage);
  return () => cluster.off('message', onMessage);
}
