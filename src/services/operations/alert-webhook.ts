import type { Env } from '../../env';
import { utf8 } from '../../lib/encoding';
import type { AlertsWebhookJob } from '../../queues/messages';

/**
 * The operators' outgoing webhook: Slack-compatible JSON (`text`, plus the incident for machines),
 * signed with HMAC-SHA256 so the receiver can tell it is ours. The URL and its secret are
 * secrets (ALERT_WEBHOOK_URL, ALERT_WEBHOOK_SECRET): never logged, never returned.
 *
 * Signature: `X-Kasir-Signature: v1=<hex HMAC-SHA256(secret, "<X-Kasir-Timestamp>.<body>")>`;
 * a receiver recomputes it and refuses timestamps older than 5 minutes (replays).
 */

/** What the incident kinds are called, for people. */
export const incidentTitles: Record<string, { id: string; en: string }> = {
  database_unreachable: { id: 'Database tidak terjangkau', en: 'Database unreachable' },
  database_slow: { id: 'Database lambat', en: 'Database slow' },
  dead_jobs: { id: 'Ada job mati di antrean', en: 'Dead queue jobs waiting' },
  stalled_batches: { id: 'Batch sinkronisasi macet', en: 'Sync batches stalled' },
  error_rate: { id: 'Tingkat galat 5xx tinggi', en: 'High 5xx error rate' },
  latency_p99: { id: 'Latensi p99 tinggi', en: 'High p99 latency' },
  store_silent: { id: 'Toko sepi tanpa kabar', en: 'Stores gone quiet' },
};

export type WebhookTarget =
  | { ok: true; url: URL; secret: string }
  | { ok: false; reason: 'not_configured' | 'not_https' | 'no_secret' | 'invalid_url' };

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The configured webhook: https only. Plain http is accepted for a loopback receiver on the local
 * stack and in tests, never in staging or production.
 */
export function webhookTarget(env: Env): WebhookTarget {
  if (!env.ALERT_WEBHOOK_URL) return { ok: false, reason: 'not_configured' };
  let url: URL;
  try {
    url = new URL(env.ALERT_WEBHOOK_URL);
  } catch {
    return { ok: false, reason: 'invalid_url' };
  }
  const local = env.ENVIRONMENT === 'development' || env.ENVIRONMENT === 'test';
  const allowed =
    url.protocol === 'https:' ||
    (local && url.protocol === 'http:' && loopbackHosts.has(url.hostname));
  if (!allowed) return { ok: false, reason: 'not_https' };
  if (!env.ALERT_WEBHOOK_SECRET) return { ok: false, reason: 'no_secret' };
  return { ok: true, url, secret: env.ALERT_WEBHOOK_SECRET };
}

export function webhookBody(job: AlertsWebhookJob, env: Env): string {
  const { event, incident } = job;
  const title = incidentTitles[incident.kind] ?? { id: incident.kind, en: incident.kind };
  const icon = event === 'resolved' ? '✅' : incident.severity === 'critical' ? '🔴' : '🟠';
  const what =
    event === 'opened' ? 'Insiden dibuka / Incident opened' : 'Insiden selesai / Incident resolved';
  const runbook = env.RUNBOOK_URL ? ` · runbook: ${env.RUNBOOK_URL}#runbook-${incident.kind}` : '';
  return JSON.stringify({
    text: `${icon} [${env.ENVIRONMENT}] ${what}: ${title.id} / ${title.en} (${incident.key})${runbook}`,
    event,
    environment: env.ENVIRONMENT,
    incident,
  });
}

export async function signature(secret: string, timestamp: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    utf8(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, utf8(`${timestamp}.${body}`));
  return `v1=${[...new Uint8Array(mac)].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** Posts the event; a receiver that does not answer 2xx throws (the job is retried). */
export async function postWebhook(
  target: Extract<WebhookTarget, { ok: true }>,
  job: AlertsWebhookJob,
  env: Env,
  now: Date,
): Promise<void> {
  const body = webhookBody(job, env);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const response = await fetch(target.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Kasir-Timestamp': timestamp,
      'X-Kasir-Signature': await signature(target.secret, timestamp, body),
      'X-Kasir-Event': `${job.event}:${job.incident.id}`,
    },
    body,
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`the alert webhook answered ${response.status}`);
}
