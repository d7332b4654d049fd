import type { Env } from '../../env';
import { analyticsEngineRequestMetrics } from './analytics-engine';
import { localRequestMetrics } from './local-store';
import type { RequestMetricsStore } from './request-metrics';

/**
 * The request metrics store of this environment: Analytics Engine where wrangler.toml binds
 * REQUEST_METRICS (staging, production), else the local Durable Object (METRICS_LOG: the local
 * stack and the tests), else none (points are dropped; the metrics routes answer 503).
 */
export function requestMetricsStore(env: Env): RequestMetricsStore | null {
  if (env.REQUEST_METRICS) {
    return analyticsEngineRequestMetrics({
      dataset: env.REQUEST_METRICS,
      datasetName: env.REQUEST_METRICS_DATASET ?? 'kasir_requests',
      accountId: env.CLOUDFLARE_ACCOUNT_ID,
      apiToken: env.ANALYTICS_API_TOKEN,
    });
  }
  if (env.METRICS_LOG) return localRequestMetrics(env.METRICS_LOG);
  return null;
}
