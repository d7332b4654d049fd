import type { Logger } from '../lib/logger';

/**
 * Puts jobs on a queue after the change they describe has happened. A failed send is logged,
 * never thrown: the change succeeded and its caller must hear so; the alert is what is lost.
 */
export async function sendJobs<Job extends { type: string }>(
  queue: Queue<Job>,
  jobs: Job[],
  logger: Logger,
): Promise<void> {
  const results = await Promise.allSettled(jobs.map((job) => queue.send(job)));
  results.forEach((result, index) => {
    if (result.status === 'rejected') {
      logger.error('job not sent', { job: jobs[index], error: result.reason });
    }
  });
}
