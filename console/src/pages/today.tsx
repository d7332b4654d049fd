import { useQuery } from '@tanstack/react-query';
import { createLazyRoute } from '@tanstack/react-router';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, data } from '../api/client';
import { useMe } from '../auth/me';
import { formatCount, formatRupiah } from '../format/money';
import { businessDateIn, formatTime, zoneName } from '../format/time';
import { useTranslation } from '../i18n/language';
import { Figure } from '../ui/figure';
import { ProblemMessage } from '../ui/problem-message';
import { StorePicker } from '../ui/store-picker';

export const Route = createLazyRoute('/app/today')({ component: TodayPage });

/** How often the figures are asked again while the page is open (sales arrive meanwhile). */
const refreshEveryMs = 15_000;

/** A till that has not pushed for this long shows as behind ("belum tersinkron"). */
const behindAfterMs = 30 * 60 * 1000;

/** An owner's or manager's day at one store: takings, tickets, methods, hours, items, tills. */
function TodayPage() {
  const { t } = useTranslation();
  const me = useMe();
  const stores = me.data?.stores ?? [];
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const storeId = stores.find((option) => option.id === search.store)?.id ?? stores[0]?.id;

  const store = useQuery({
    queryKey: ['store', storeId],
    queryFn: () =>
      data(api.GET('/api/v1/stores/{storeId}', { params: { path: { storeId: storeId ?? '' } } })),
    enabled: Boolean(storeId),
    staleTime: 5 * 60_000,
  });
  const timezone = store.data?.timezone ?? 'Asia/Jakarta';
  const date = store.data ? businessDateIn(timezone, store.data.businessDayCutoffHour) : undefined;
  const range = { storeId: storeId ?? '', from: date ?? '', to: date ?? '' };
  const ready = Boolean(storeId && date);

  const summary = useQuery({
    queryKey: ['today', 'summary', range],
    queryFn: () => data(api.GET('/api/v1/reports/sales-summary', { params: { query: range } })),
    enabled: ready,
    // Sales arrive while the owner watches; a day still being recomputed is asked again sooner.
    refetchInterval: (query) =>
      query.state.data?.freshness.upToDate === false ? 5_000 : refreshEveryMs,
  });
  const payments = useQuery({
    queryKey: ['today', 'payments', range],
    queryFn: () => data(api.GET('/api/v1/reports/payments', { params: { query: range } })),
    enabled: ready,
    refetchInterval: refreshEveryMs,
  });
  const hours = useQuery({
    queryKey: ['today', 'hours', range],
    queryFn: () => data(api.GET('/api/v1/reports/hours', { params: { query: range } })),
    enabled: ready,
    refetchInterval: refreshEveryMs,
  });
  const items = useQuery({
    queryKey: ['today', 'items', range],
    queryFn: () =>
      data(
        api.GET('/api/v1/reports/items', {
          params: { query: { ...range, by: 'product', sort: 'net', limit: 5 } },
        }),
      ),
    enabled: ready,
    refetchInterval: refreshEveryMs,
  });
  const sync = useQuery({
    queryKey: ['today', 'sync', storeId],
    queryFn: () =>
      data(api.GET('/api/v1/sync/status', { params: { query: { storeId: storeId ?? '' } } })),
    enabled: Boolean(storeId),
    refetchInterval: refreshEveryMs,
  });

  if (me.data && stores.length === 0) return <p>{t('today.noStores')}</p>;
  const totals = summary.data?.totals;

  return (
    <section aria-labelledby="today-title">
      <div className="page-head">
        <h1 id="today-title">{t('today.title')}</h1>
        {stores.length > 1 ? (
          <StorePicker
            stores={stores}
            value={storeId}
            onChange={(store) => void navigate({ search: { store } })}
          />
        ) : (
          <span className="muted">{stores[0]?.name}</span>
        )}
        {date ? (
          <span className="muted">
            {t('today.businessDate', { date, zone: zoneName(timezone) })}
          </span>
        ) : null}
      </div>
      {summary.data && !summary.data.freshness.upToDate ? (
        <p className="notice" role="status">
          {t('today.refreshing')}
        </p>
      ) : null}
      <ProblemMessage error={store.error ?? summary.error} />

      <div className="cards">
        <Figure
          label={t('today.sales')}
          value={totals ? formatRupiah(totals.salesTotal) : undefined}
          testId="today-sales"
        />
        <Figure
          label={t('today.transactions')}
          value={totals ? formatCount(totals.salesCount) : undefined}
          testId="today-transactions"
        />
        <Figure
          label={t('today.averageTicket')}
          value={totals ? formatRupiah(totals.averageTicket) : undefined}
          testId="today-average"
        />
        <Figure
          label={t('today.net')}
          value={totals ? formatRupiah(totals.net) : undefined}
          testId="today-net"
        />
      </div>

      <div className="panels">
        <article className="panel">
          <h2>{t('today.payments')}</h2>
          <ProblemMessage error={payments.error} />
          <table>
            <thead>
              <tr>
                <th scope="col">{t('today.method')}</th>
                <th scope="col" className="number">
                  {t('today.count')}
                </th>
                <th scope="col" className="number">
                  {t('today.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {payments.data?.methods.map((method) => (
                <tr key={method.method}>
                  <td>{t(`payment.${method.method}`)}</td>
                  <td className="number">{formatCount(method.paymentsCount)}</td>
                  <td className="number">{formatRupiah(method.net)}</td>
                </tr>
              ))}
              {payments.data?.methods.length === 0 ? (
                <tr>
                  <td colSpan={3} className="muted">
                    {t('today.noSales')}
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </article>

        <article className="panel">
          <h2>{t('today.busyHours')}</h2>
          <ProblemMessage error={hours.error} />
          <div className="chart" role="img" aria-label={t('today.busyHoursChart')}>
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={hours.data?.hours ?? []}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="hour" tickFormatter={(hour: string) => hour.slice(0, 2)} />
                <YAxis
                  allowDecimals={false}
                  tickFormatter={(value: number) => formatCount(value / 1000)}
                  width={48}
                />
                <Tooltip formatter={(value) => formatRupiah(Number(value))} />
                <Bar dataKey="salesTotal" name={t('today.sales')} fill="#0f766e" />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </article>

        <article className="panel">
          <h2>{t('today.topItems')}</h2>
          <ProblemMessage error={items.error} />
          <ol className="ranked">
            {items.data?.rows.map((row) => (
              <li key={`${row.id}-${row.name}`}>
                <span>{row.name}</span>
                <span className="muted">× {formatCount(row.quantity)}</span>
                <span className="number">{formatRupiah(row.net)}</span>
              </li>
            ))}
          </ol>
          {items.data?.rows.length === 0 ? <p className="muted">{t('today.noSales')}</p> : null}
        </article>

        <article className="panel">
          <h2>{t('today.tills')}</h2>
          <ProblemMessage error={sync.error} />
          <ul className="devices">
            {sync.data?.devices
              .filter((device) => !device.revoked)
              .map((device) => {
                const behind =
                  device.stuckBatches > 0 ||
                  !device.lastPushAt ||
                  Date.parse(sync.data.serverTime) - Date.parse(device.lastPushAt) > behindAfterMs;
                return (
                  <li key={device.deviceSessionId}>
                    <span>
                      {device.deviceName} · {device.userName}
                    </span>
                    <span className="muted">
                      {device.lastPushAt
                        ? t('today.lastSynced', { time: formatTime(device.lastPushAt, timezone) })
                        : t('today.neverSynced')}
                    </span>
                    {behind ? <span className="badge warning">{t('today.behind')}</span> : null}
                  </li>
                );
              })}
          </ul>
          {sync.data?.devices.length === 0 ? <p className="muted">{t('today.noTills')}</p> : null}
        </article>
      </div>
    </section>
  );
}
