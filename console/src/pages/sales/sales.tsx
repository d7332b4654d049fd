import { useInfiniteQuery } from '@tanstack/react-query';
import { createLazyRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { api, data } from '../../api/client';
import type { operations } from '../../api/schema';
import { useMe } from '../../auth/me';
import { zoneName } from '../../format/time';
import { useTranslation } from '../../i18n/language';
import { LoadMore } from '../../ui/load-more';
import { ProblemMessage } from '../../ui/problem-message';
import { Refusal } from '../../ui/refusal';
import { StorePicker } from '../../ui/store-picker';
import { useDebounced } from '../../ui/use-debounced';
import { SaleDetail } from './sale-detail';
import { SalesTable } from './sales-table';
import { useStoreDay } from './store-day';

export const Route = createLazyRoute('/app/sales')({ component: SalesPage });

type Query = NonNullable<operations['listSales']['parameters']['query']>;
type KindChoice = 'all' | NonNullable<Query['kind']>;
type StatusChoice = 'all' | NonNullable<Query['status']>;
type MethodChoice = 'all' | NonNullable<Query['method']>;

const kinds = ['sale', 'refund'] as const;
const statuses = ['completed', 'voided', 'partially_refunded', 'refunded'] as const;
const methods = ['cash', 'qris', 'card', 'transfer', 'ewallet'] as const;

/**
 * Managers and owners (reports.view): the sales and refunds of a store, by business date, kind,
 * status, payment method or receipt number; a sale's detail and receipt; its void or refund.
 */
function SalesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const stores = me.data?.stores ?? [];
  const [storeChoice, setStoreChoice] = useState<string>();
  const store = stores.find((option) => option.id === storeChoice) ?? stores[0];
  const { store: settings, businessDate } = useStoreDay(store?.id);
  // Until the user picks dates, both ends follow the store's business day.
  const [fromChoice, setFrom] = useState<string>();
  const [toChoice, setTo] = useState<string>();
  const from = fromChoice ?? businessDate ?? '';
  const to = toChoice ?? businessDate ?? '';
  const [kind, setKind] = useState<KindChoice>('all');
  const [status, setStatus] = useState<StatusChoice>('all');
  const [method, setMethod] = useState<MethodChoice>('all');
  const [numberText, setNumberText] = useState('');
  const number = useDebounced(numberText.trim().toUpperCase());
  const [selected, setSelected] = useState<string>();

  // A receipt number names one sale whatever its date: the dates do not narrow that search.
  const query: Query = {
    storeId: store?.id ?? '',
    ...(number ? { number } : { ...(from ? { from } : {}), ...(to ? { to } : {}) }),
    ...(kind === 'all' ? {} : { kind }),
    ...(status === 'all' ? {} : { status }),
    ...(method === 'all' ? {} : { method }),
  };
  const sales = useInfiniteQuery({
    queryKey: ['sales', query],
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/v1/transactions', {
          params: { query: { ...query, limit: 25, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // Wait for the business day, unless the user already chose (or cleared) both dates.
    enabled: Boolean(
      store && (number || businessDate || (fromChoice !== undefined && toChoice !== undefined)),
    ),
  });
  const rows = sales.data?.pages.flatMap((page) => page.data) ?? [];
  const timezone = store?.timezone ?? 'Asia/Jakarta';

  if (me.data && !store) return <p>{t('today.noStores')}</p>;
  return (
    <section aria-labelledby="sales-title">
      <div className="page-head">
        <h1 id="sales-title">{t('sales.title')}</h1>
        {businessDate ? (
          <span className="muted">
            {t('today.businessDate', { date: businessDate, zone: zoneName(timezone) })}
          </span>
        ) : null}
      </div>
      <form
        className="filters"
        aria-label={t('sales.filters')}
        onSubmit={(event) => event.preventDefault()}
      >
        {stores.length > 1 ? (
          <StorePicker stores={stores} value={store?.id} onChange={setStoreChoice} />
        ) : null}
        <label className="inline">
          <span>{t('reports.from')}</span>
          <input
            type="date"
            value={from}
            max={to || undefined}
            disabled={Boolean(number)}
            onChange={(event) => setFrom(event.target.value)}
          />
        </label>
        <label className="inline">
          <span>{t('reports.to')}</span>
          <input
            type="date"
            value={to}
            min={from || undefined}
            disabled={Boolean(number)}
            onChange={(event) => setTo(event.target.value)}
          />
        </label>
        <label className="inline">
          <span>{t('sales.kind')}</span>
          <select value={kind} onChange={(event) => setKind(event.target.value as KindChoice)}>
            <option value="all">{t('sales.kindAll')}</option>
            {kinds.map((option) => (
              <option key={option} value={option}>
                {t(`sales.kind.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <span>{t('sales.status')}</span>
          <select
            value={status}
            onChange={(event) => setStatus(event.target.value as StatusChoice)}
          >
            <option value="all">{t('sales.statusAll')}</option>
            {statuses.map((option) => (
              <option key={option} value={option}>
                {t(`sales.status.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <span>{t('sales.method')}</span>
          <select
            value={method}
            onChange={(event) => setMethod(event.target.value as MethodChoice)}
          >
            <option value="all">{t('sales.methodAll')}</option>
            {methods.map((option) => (
              <option key={option} value={option}>
                {t(`payment.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <span>{t('sales.number')}</span>
          <input
            type="search"
            value={numberText}
            onChange={(event) => setNumberText(event.target.value)}
            placeholder={
              store && businessDate
                ? `${store.code}-${businessDate.replace(/-/g, '')}-0001`
                : undefined
            }
            spellCheck={false}
          />
        </label>
      </form>
      {number ? (
        <p className="muted" role="status">
          {t('sales.searchingNumber', { number })}
        </p>
      ) : null}
      <ProblemMessage error={settings.error} />

      {selected ? (
        <SaleDetail
          key={selected}
          saleId={selected}
          timezone={timezone}
          onOpen={setSelected}
          onClose={() => setSelected(undefined)}
        />
      ) : null}

      <article className="panel">
        <h2>{t('sales.list')}</h2>
        <Refusal error={sales.error} shown={[]} />
        <SalesTable rows={rows} timezone={timezone} selected={selected} onOpen={setSelected} />
        {sales.isSuccess && rows.length === 0 ? <p className="muted">{t('sales.none')}</p> : null}
        <LoadMore list={sales} />
      </article>
    </section>
  );
}
