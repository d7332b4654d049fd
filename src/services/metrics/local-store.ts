import type { RequestMetricsLog } from '../../../durable-objects/request-metrics-log';
import type { RequestMetricsStore } from './request-metrics';

/**
 * Request metrics kept by the RequestMetricsLog Durable Object: the local stack's and the tests'
 * store. Each request's point is one call to the object, after the response (waitUntil).
 */
export function localRequestMetrics(
  namespace: DurableObjectNamespace<RequestMetricsLog>,
  /** The object's name: `requests`, the one every request writes to (tests use their own). */
  name = 'requests',
): RequestMetricsStore {
  const log = () => namespace.get(namespace.idFromName(name));
  return {
    source: 'local',
    record(metric, waitUntil) {
      waitUntil(
        log()
          .record(metric)
          .catch(() => {
            // A lost point is a gap in a chart, never a failed request.
          }),
      );
    },
    query: (query) => log().query(query),
  };
}
