import { useQuery } from '@tanstack/react-query';
import { createLazyRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, data } from '../../api/client';
import { useMe } from '../../auth/me';
import { formatCount, formatRupiah } from '../../format/money';
import { shiftDate, todayIn } from '../../format/time';
import { useTranslation } from '../../i18n/language';
import { ProblemMessage } from '../../ui/problem-message';
import { StorePicker } from '../../ui/store-picker';
import { ExportButton, type ExportRequest } from './export-button';

export const Route = createLazyRoute('/app/reports')({ component: ReportsPage });

const reportTypes = ['sales-summary', 'items', 'payments'] as const;
type ReportType = (typeof reportTypes)[number];

/** Reports over a date range, one store or all the caller's, as charts and tables, and exports. */
function ReportsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const stores = me.data?.stores ?? [];
  // An owner sees every store: "all" is theirs to ask; a manager picks among their own stores.
  const mayAskAll = me.data?.user.role === 'owner';
  const [storeChoice, setStoreChoice] = useState<string>();
  const storeId = storeChoice ?? (mayAskAll ? 'all' : stores[0]?.id);
  const today = todayIn(stores[0]?.timezone ?? 'Asia/Jakarta');
  const [from, setFrom] = useState(() => shiftDate(today, -6));
  const [to, setTo] = useState(today);
  const [type, setType] = useState<ReportType>('sales-summary');
  const params = { storeId: storeId ?? '', from, to };
  const enabled = Boolean(storeId && from && to);

  return (
    <section aria-labelledby="reports-title">
      <div className="page-head">
        <h1 id="reports-title">{t('reports.title')}</h1>
      </div>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <StorePicker
          stores={stores}
          value={storeId}
          onChange={setStoreChoice}
          allLabel={mayAskAll ? t('reports.allStores') : undefined}
        />
        <label className="inline">
          <span>{t('reports.from')}</span>
          <input
            type="date"
            value={from}
            max={to}
            onChange={(event) => setFrom(event.target.value)}
          />
        </label>
        <label className="inline">
          <span>{t('reports.to')}</span>
          <input
            type="date"
            value={to}
            min={from}
            onChange={(event) => setTo(event.target.value)}
          />
        </label>
      </form>
      <div className="tabs" role="tablist" aria-label={t('reports.type')}>
        {reportTypes.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={name === type}
            className={name === type ? 'active' : undefined}
            onClick={() => setType(name)}
          >
            {t(`reports.types.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="panel">
        <ExportButton
          key={`${type}-${storeId}-${from}-${to}`}
          request={exportRequest(type, params)}
        />
        {type === 'sales-summary' ? <SalesSummary params={params} enabled={enabled} /> : null}
        {type === 'items' ? <Items params={params} enabled={enabled} /> : null}
        {type === 'payments' ? <Payments params={params} enabled={enabled} /> : null}
      </div>
    </section>
  );
}

/** The export of what the tab shows: the same report, grouping and order, as CSV. */
function exportRequest(type: ReportType, params: RangeProps['params']): ExportRequest {
  switch (type) {
    case 'sales-summary':
      return { type, format: 'csv', params: { ...params, groupBy: 'day' } };
    case 'items':
      return { type, format: 'csv', params: { ...params, by: 'product', sort: 'net' } };
    case 'payments':
      return { type, format: 'csv', params };
  }
}

interface RangeProps {
  params: { storeId: string; from: string; to: string };
  enabled: boolean;
}

function SalesSummary({ params, enabled }: RangeProps) {
  const { t } = useTranslation();
  const report = useQuery({
    queryKey: ['reports', 'sales-summary', params],
    queryFn: () =>
      data(
        api.GET('/api/v1/reports/sales-summary', {
          params: { query: { ...params, groupBy: 'day' } },
        }),
      ),
    enabled,
  });
  const totals = report.data?.totals;
  return (
    <>
      <ProblemMessage error={report.error} />
      {report.data && !report.data.freshness.upToDate ? (
        <p className="notice">{t('today.refreshing')}</p>
      ) : null}
      <div className="chart" role="img" aria-label={t('reports.salesChart')}>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={report.data?.periods ?? []}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="period" tickFormatter={(period: string) => period.slice(5)} />
            <YAxis
              allowDecimals={false}
              tickFormatter={(value: number) => formatCount(value / 1000)}
              width={56}
            />
            <Tooltip formatter={(value) => formatRupiah(Number(value))} />
            <Bar dataKey="salesTotal" name={t('today.sales')} fill="#0f766e" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('reports.date')}</th>
              <th scope="col" className="number">
                {t('today.transactions')}
              </th>
              <th scope="col" className="number">
                {t('today.sales')}
              </th>
              <th scope="col" className="number">
                {t('reports.tax')}
              </th>
              <th scope="col" className="number">
                {t('reports.refundsVoids')}
              </th>
              <th scope="col" className="number">
                {t('reports.net')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.data?.periods.map((period) => (
              <tr key={period.period}>
                <td>{period.period}</td>
                <td className="number">{formatCount(period.salesCount)}</td>
                <td className="number">{formatRupiah(period.salesTotal)}</td>
                <td className="number">{formatRupiah(period.tax)}</td>
                <td className="number">
                  {formatRupiah(period.refundsAmount + period.voidsAmount)}
                </td>
                <td className="number">{formatRupiah(period.net)}</td>
              </tr>
            ))}
          </tbody>
          {totals ? (
            <tfoot>
              <tr>
                <th scope="row">{t('reports.total')}</th>
                <td className="number">{formatCount(totals.salesCount)}</td>
                <td className="number" data-testid="report-sales-total">
                  {formatRupiah(totals.salesTotal)}
                </td>
                <td className="number">{formatRupiah(totals.tax)}</td>
                <td className="number">
                  {formatRupiah(totals.refundsAmount + totals.voidsAmount)}
                </td>
                <td className="number">{formatRupiah(totals.net)}</td>
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
    </>
  );
}

function Items({ params, enabled }: RangeProps) {
  const { t } = useTranslation();
  const report = useQuery({
    queryKey: ['reports', 'items', params],
    queryFn: () =>
      data(
        api.GET('/api/v1/reports/items', {
          params: { query: { ...params, by: 'product', sort: 'net', limit: 100 } },
        }),
      ),
    enabled,
  });
  return (
    <>
      <ProblemMessage error={report.error} />
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('catalog.name')}</th>
              <th scope="col" className="number">
                {t('reports.quantity')}
              </th>
              <th scope="col" className="number">
                {t('reports.net')}
              </th>
              <th scope="col" className="number">
                {t('reports.grossProfit')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.data?.rows.map((row) => (
              <tr key={`${row.id}-${row.name}`}>
                <td>{row.name}</td>
                <td className="number">{formatCount(row.quantity)}</td>
                <td className="number">{formatRupiah(row.net)}</td>
                <td className="number">
                  {row.grossProfit === null ? '–' : formatRupiah(row.grossProfit)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Payments({ params, enabled }: RangeProps) {
  const { t } = useTranslation();
  const report = useQuery({
    queryKey: ['reports', 'payments', params],
    queryFn: () => data(api.GET('/api/v1/reports/payments', { params: { query: params } })),
    enabled,
  });
  return (
    <>
      <ProblemMessage error={report.error} />
      <div className="table-scroll">
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
              <th scope="col" className="number">
                {t('reports.refundsVoids')}
              </th>
              <th scope="col" className="number">
                {t('reports.net')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.data?.methods.map((method) => (
              <tr key={method.method}>
                <td>{t(`payment.${method.method}`)}</td>
                <td className="number">{formatCount(method.paymentsCount)}</td>
                <td className="number">{formatRupiah(method.amount)}</td>
                <td className="number">
                  {formatRupiah(method.refundsAmount + method.voidsAmount)}
                </td>
                <td className="number">{formatRupiah(method.net)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
