import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createLazyRoute } from '@tanstack/react-router';
import { useState } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { api, data } from '../../api/client';
import { formatCount, formatRupiah } from '../../format/money';
import { formatDateTime, formatTime } from '../../format/time';
import { useTranslation } from '../../i18n/language';
import type { MessageKey } from '../../i18n/messages';
import { Figure } from '../../ui/figure';
import { ProblemMessage } from '../../ui/problem-message';

export const Route = createLazyRoute('/app/platform/monitoring')({ component: MonitoringPage });

/** Operators watch in Jakarta time (WIB); each incident names its own store's data. */
const operatorZone = 'Asia/Jakarta';
const runbookBase = (import.meta.env.VITE_RUNBOOK_URL as string | undefined) ?? '';

const ranges = {
  '1h': { hours: 1, stepMinutes: 1, label: 'monitoring.range1h' },
  '6h': { hours: 6, stepMinutes: 5, label: 'monitoring.range6h' },
  '24h': { hours: 24, stepMinutes: 15, label: 'monitoring.range24h' },
} as const satisfies Record<string, { hours: number; stepMinutes: number; label: MessageKey }>;
type RangeKey = keyof typeof ranges;

function windowOf(range: RangeKey) {
  // The end of the current minute (so this minute's requests count), in whole minutes so the
  // query key stays put between renders of the same minute.
  const to = new Date();
  to.setSeconds(0, 0);
  to.setMinutes(to.getMinutes() + 1);
  const from = new Date(to.getTime() - ranges[range].hours * 60 * 60 * 1000);
  return { from: from.toISOString(), to: to.toISOString() };
}

function MonitoringPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<RangeKey>('1h');
  const window = windowOf(range);

  return (
    <section aria-labelledby="monitoring-title">
      <div className="page-head">
        <h1 id="monitoring-title">{t('monitoring.title')}</h1>
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('monitoring.range')}</legend>
          {(Object.keys(ranges) as RangeKey[]).map((key) => (
            <label key={key} className={key === range ? 'active' : undefined}>
              <input
                type="radio"
                name="range"
                value={key}
                checked={key === range}
                onChange={() => setRange(key)}
              />
              {t(ranges[key].label)}
            </label>
          ))}
        </fieldset>
      </div>
      <RequestPanels window={window} stepMinutes={ranges[range].stepMinutes} />
      <BusinessPanel window={window} />
      <IncidentsPanel />
      <DeadJobsPanel />
    </section>
  );
}

function RequestPanels({
  window,
  stepMinutes,
}: {
  window: { from: string; to: string };
  stepMinutes: number;
}) {
  const { t } = useTranslation();
  // One route's curve, or all of them; the list of routes comes from the unfiltered answer.
  const [route, setRoute] = useState('');
  const metrics = useQuery({
    queryKey: ['platform', 'metrics', 'requests', window, stepMinutes, route],
    queryFn: () =>
      data(
        api.GET('/api/v1/platform/metrics/requests', {
          params: { query: { ...window, stepMinutes, ...(route ? { route } : {}) } },
        }),
      ),
    refetchInterval: 30_000,
  });
  const allRoutes = useQuery({
    queryKey: ['platform', 'metrics', 'requests', window, stepMinutes, ''],
    queryFn: () =>
      data(
        api.GET('/api/v1/platform/metrics/requests', {
          params: { query: { ...window, stepMinutes } },
        }),
      ),
    enabled: route !== '',
  });
  const routeOptions = [
    ...new Set(((route ? allRoutes.data : metrics.data)?.routes ?? []).map((entry) => entry.route)),
  ].sort();
  const series = (metrics.data?.series ?? []).map((point) => ({
    ...point,
    time: formatTime(point.at, operatorZone).replace(' WIB', ''),
    errors: point.serverErrors + point.clientErrors,
  }));
  const totals = metrics.data?.totals;
  const errorRate =
    totals && totals.requests > 0 ? (totals.serverErrors / totals.requests) * 100 : 0;

  return (
    <>
      <ProblemMessage error={metrics.error} />
      <label className="inline route-filter">
        <span>{t('monitoring.route')}</span>
        <select value={route} onChange={(event) => setRoute(event.target.value)}>
          <option value="">{t('monitoring.allRoutes')}</option>
          {routeOptions.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </label>
      <div className="cards">
        <Figure
          label={t('monitoring.requests')}
          value={totals ? formatCount(totals.requests) : undefined}
          testId="metric-requests"
        />
        <Figure
          label={t('monitoring.errorRate')}
          value={totals ? `${errorRate.toFixed(2)} %` : undefined}
        />
        <Figure
          label="p95 / p99"
          value={totals ? `${totals.p95Ms ?? '–'} / ${totals.p99Ms ?? '–'} ms` : undefined}
        />
        <Figure label={t('monitoring.source')} value={metrics.data?.source} />
      </div>
      <div className="panels">
        <article className="panel">
          <h2>{t('monitoring.throughput')}</h2>
          <div className="chart" role="img" aria-label={t('monitoring.throughputChart')}>
            <ResponsiveContainer width="100%" height={220}>
              <LineChart data={series}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="time" minTickGap={24} />
                <YAxis width={40} allowDecimals={false} />
                <Tooltip />
                <Legend />
                <Line
                  type="monotone"
                  dataKey="requests"
                  name={t('monitoring.requests')}
                  stroke="#0f766e"
                  dot={false}
                />
                <Line
                  type="monotone"
                  dataKey="serverErrors"
                  name="5xx"
                  stroke="#b91c1c"
                  dot={false}
                />
                <Line
                  type="monotone"
                  dataKey="clientErrors"
                  name="4xx"
                  stroke="#b45309"
                  dot={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </article>
        <article className="panel">
          <h2>{t('monitoring.latency')}</h2>
          <div className="chart" role="img" aria-label={t('monitoring.latencyChart')}>
            <ResponsiveContainer width="100%" height={220}>
              <LineChart data={series}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="time" minTickGap={24} />
                <YAxis width={48} unit=" ms" />
                <Tooltip />
                <Legend />
                <Line
                  type="monotone"
                  dataKey="p50Ms"
                  name="p50"
                  stroke="#0f766e"
                  dot={false}
                  connectNulls
                />
                <Line
                  type="monotone"
                  dataKey="p95Ms"
                  name="p95"
                  stroke="#1d4ed8"
                  dot={false}
                  connectNulls
                />
                <Line
                  type="monotone"
                  dataKey="p99Ms"
                  name="p99"
                  stroke="#7c3aed"
                  dot={false}
                  connectNulls
                />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </article>
      </div>
      <article className="panel">
        <h2>{t('monitoring.routes')}</h2>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('monitoring.route')}</th>
                <th scope="col" className="number">
                  {t('monitoring.requests')}
                </th>
                <th scope="col" className="number">
                  5xx
                </th>
                <th scope="col" className="number">
                  4xx
                </th>
                <th scope="col" className="number">
                  p95
                </th>
                <th scope="col" className="number">
                  p99
                </th>
              </tr>
            </thead>
            <tbody>
              {metrics.data?.routes.map((route) => (
                <tr key={`${route.method} ${route.route}`}>
                  <td>
                    <code>
                      {route.method} {route.route}
                    </code>
                  </td>
                  <td className="number">{formatCount(route.requests)}</td>
                  <td className="number">{formatCount(route.serverErrors)}</td>
                  <td className="number">{formatCount(route.clientErrors)}</td>
                  <td className="number">{route.p95Ms ?? '–'}</td>
                  <td className="number">{route.p99Ms ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </article>
    </>
  );
}

function BusinessPanel({ window }: { window: { from: string; to: string } }) {
  const { t } = useTranslation();
  const business = useQuery({
    queryKey: ['platform', 'metrics', 'business', window],
    queryFn: () =>
      data(api.GET('/api/v1/platform/metrics/business', { params: { query: window } })),
    refetchInterval: 60_000,
  });
  const figures = business.data;
  return (
    <article className="panel">
      <h2>{t('monitoring.business')}</h2>
      <ProblemMessage error={business.error} />
      {figures ? (
        <dl className="facts">
          <dt>{t('monitoring.sales')}</dt>
          <dd>
            {formatCount(figures.sales.sales)} · {formatRupiah(figures.sales.total)}
          </dd>
          <dt>{t('monitoring.syncBatches')}</dt>
          <dd>
            {t('monitoring.syncCounts', {
              batches: formatCount(figures.sync.batches),
              accepted: formatCount(figures.sync.accepted),
              duplicate: formatCount(figures.sync.duplicate),
              rejected: formatCount(figures.sync.rejected),
            })}
          </dd>
          <dt>{t('monitoring.syncTrouble')}</dt>
          <dd>
            {t('monitoring.failedStalled', {
              failed: formatCount(figures.sync.failed),
              stalled: formatCount(figures.sync.stalled),
            })}
          </dd>
          <dt>{t('monitoring.quietDevices')}</dt>
          <dd>{formatCount(figures.devices.notSeenForADay)}</dd>
        </dl>
      ) : null}
    </article>
  );
}

function IncidentsPanel() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const incidents = useQuery({
    queryKey: ['platform', 'incidents', status],
    queryFn: () =>
      data(api.GET('/api/v1/platform/incidents', { params: { query: { status, limit: 50 } } })),
    refetchInterval: 30_000,
  });
  return (
    <article className="panel">
      <div className="panel-head">
        <h2>{t('monitoring.incidents')}</h2>
        <label className="inline">
          <span className="visually-hidden">{t('monitoring.incidentStatus')}</span>
          <select
            value={status}
            onChange={(event) => setStatus(event.target.value as 'open' | 'resolved')}
          >
            <option value="open">{t('monitoring.incidentsOpen')}</option>
            <option value="resolved">{t('monitoring.incidentsResolved')}</option>
          </select>
        </label>
      </div>
      <ProblemMessage error={incidents.error} />
      <ul className="incidents">
        {incidents.data?.data.map((incident) => (
          <li key={incident.id}>
            <span className={`badge ${incident.severity === 'critical' ? 'danger' : 'warning'}`}>
              {incident.severity}
            </span>{' '}
            <strong>{incident.kind}</strong> <code>{incident.key}</code>
            <div className="muted">
              {t('monitoring.openedAt', { time: formatDateTime(incident.openedAt, operatorZone) })}
              {incident.resolvedAt
                ? ` · ${t('monitoring.resolvedAt', { time: formatDateTime(incident.resolvedAt, operatorZone) })}`
                : ''}
              {' · '}
              {runbookBase ? (
                <a href={`${runbookBase}${incident.runbook}`} target="_blank" rel="noreferrer">
                  {t('monitoring.runbook')}
                </a>
              ) : (
                <span>README.md{incident.runbook}</span>
              )}
            </div>
          </li>
        ))}
      </ul>
      {incidents.data?.data.length === 0 ? (
        <p className="muted">{t('monitoring.noIncidents')}</p>
      ) : null}
    </article>
  );
}

function DeadJobsPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const deadJobs = useQuery({
    queryKey: ['platform', 'dead-jobs'],
    queryFn: () =>
      data(api.GET('/api/v1/platform/dead-jobs', { params: { query: { limit: 50 } } })),
    refetchInterval: 60_000,
  });
  const retry = useMutation({
    mutationFn: (id: string) =>
      data(api.POST('/api/v1/platform/dead-jobs/{id}/retry', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['platform', 'dead-jobs'] }),
  });
  return (
    <article className="panel">
      <h2>{t('monitoring.deadJobs')}</h2>
      <ProblemMessage error={deadJobs.error ?? retry.error} />
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('monitoring.jobType')}</th>
              <th scope="col">{t('monitoring.jobError')}</th>
              <th scope="col" className="number">
                {t('monitoring.attempts')}
              </th>
              <th scope="col">{t('monitoring.deadAt')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('monitoring.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deadJobs.data?.data.map((job) => (
              <tr key={job.id}>
                <td>
                  <code>{job.type ?? job.queue}</code>
                </td>
                <td className="wrap">{job.error ?? '–'}</td>
                <td className="number">{job.attempts}</td>
                <td>{formatDateTime(job.deadAt, operatorZone)}</td>
                <td>
                  {job.retriedAt ? (
                    <span className="muted">{t('monitoring.retried')}</span>
                  ) : job.dismissedAt ? (
                    <span className="muted">{t('monitoring.dismissed')}</span>
                  ) : (
                    <button
                      type="button"
                      onClick={() => retry.mutate(job.id)}
                      disabled={retry.isPending && retry.variables === job.id}
                    >
                      {t('monitoring.retry')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {deadJobs.data?.data.length === 0 ? (
        <p className="muted">{t('monitoring.noDeadJobs')}</p>
      ) : null}
    </article>
  );
}
