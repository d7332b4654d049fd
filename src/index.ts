import { createApp } from './app';
import { runScheduled } from './cron/scheduled';
import type { Env } from './env';
import { consumeJobs } from './queues/jobs';

export { RequestMetricsLog } from '../durable-objects/request-metrics-log';
export { StoreCoordinator } from '../durable-objects/store-coordinator';

const app = createApp();

export default {
  fetch: app.fetch,
  queue: consumeJobs,
  scheduled: runScheduled,
} satisfies ExportedHandler<Env, unknown>;
