import type { Env } from '../env';
import type { Logger } from '../lib/logger';
import { postWebhook, webhookTarget } from '../services/operations/alert-webhook';
import { type IncidentEvent, incidentPayload } from '../services/operations/incidents';
import { type AlertsWebhookJob, alertsWebhookJobSchema } from './messages';

/** The webhook job of each incident event. */
export function alertsWebhookJobs(events: readonly IncidentEvent[]): AlertsWebhookJob[] {
  return events.map(({ event, incident }) => ({
    type: 'alerts.webhook',
    event,
    incident: incidentPayload(incident),
  }));
}

/** Sends the webhook jobs, when a webhook is configured (else there is nothing to post). */
export async function sendAlertWebhooks(env: Env, jobs: AlertsWebhookJob[]): Promise<void> {
  if (jobs.length === 0 || !env.ALERT_WEBHOOK_URL) return;
  await env.JOBS.sendBatch(jobs.map((body) => ({ body })));
}

/**
 * Posts the event to the operators' webhook. Without one configured there is nothing to do; a
 * misconfigured one (not https, no secret) is logged as an error and the job is dropped, since
 * retrying cannot fix configuration. A receiver's failure throws: retried, then dead-lettered.
 * A redelivery may post the same event twice: receivers dedupe on `X-Kasir-Event`.
 */
export async function handleAlertsWebhook(
  message: unknown,
  env: Env,
  logger: Logger,
): Promise<void> {
  const job = alertsWebhookJobSchema.parse(message);
  const target = webhookTarget(env);
  if (!target.ok) {
    if (target.reason !== 'not_configured') {
      logger.error('alert webhook misconfigured; event not sent', {
        reason: target.reason,
        incidentId: job.incident.id,
      });
    }
    return;
  }
  await postWebhook(target, job, env, new Date());
  logger.info('alert webhook sent', { event: job.event, incidentId: job.incident.id });
}
