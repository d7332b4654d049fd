import { runHealthCheck } from '../services/operations/health-check';
import type { CronTask } from './scheduled';

/** Every 5 minutes: the platform's health, as incidents (src/services/operations/health-check.ts). */
export const checkHealth: CronTask = async (env, logger, scheduledTime) => {
  const events = await runHealthCheck(env, logger, scheduledTime);
  logger.info('health check', { events: events.length });
};
