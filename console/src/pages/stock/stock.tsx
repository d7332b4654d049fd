import { useInfiniteQuery } from '@tanstack/react-query';
import { createLazyRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { api, data } from '../../api/client';
import { useMe } from '../../auth/me';
import { formatCount } from '../../format/money';
import { formatDateTime } from '../../format/time';
import { useTranslation } from '../../i18n/language';
import { LoadMore } from '../../ui/load-more';
import { ProblemMessage } from '../../ui/problem-message';
import { StorePicker } from '../../ui/store-picker';
import { StockChangeForm } from './stock-change-form';

export const Route = createLazyRoute('/app/stock')({ component: StockPage });

/** Stock of one store: levels (low ones first to the eye), changes, and the movements behind them. */
function StockPage() {
  const { t } = useTranslation();
  const me = useMe();
  const stores = me.data?.stores ?? [];
  const [storeChoice, setStoreChoice] = useState<string>();
  const store = stores.find((option) => option.id === storeChoice) ?? stores[0];
  const [lowOnly, setLowOnly] = useState(false);
  const [view, setView] = useState<'levels' | 'movements'>('levels');

  const levels = useInfiniteQuery({
    queryKey: ['stock', 'levels', store?.id, lowOnly],
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/v1/inventory/levels', {
          params: {
            query: {
              storeId: store?.id ?? '',
              limit: 100,
              ...(lowOnly ? { lowStock: 'true' as const } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: Boolean(store),
  });
  const rows = levels.data?.pages.flatMap((page) => page.data) ?? [];

  if (me.data && !store) return <p>{t('today.noStores')}</p>;
  return (
    <section aria-labelledby="stock-title">
      <div className="page-head">
        <h1 id="stock-title">{t('stock.title')}</h1>
        {stores.length > 1 ? (
          <StorePicker stores={stores} value={store?.id} onChange={setStoreChoice} />
        ) : (
          <span className="muted">{store?.name}</span>
        )}
      </div>
      {store ? (
        <article className="panel">
          <h2>{t('stock.change')}</h2>
          <StockChangeForm store={store} stores={stores} levels={rows} />
        </article>
      ) : null}
      <div className="tabs" role="tablist" aria-label={t('stock.views')}>
        <button
          type="button"
          role="tab"
          aria-selected={view === 'levels'}
          className={view === 'levels' ? 'active' : undefined}
          onClick={() => setView('levels')}
        >
          {t('stock.levels')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={view === 'movements'}
          className={view === 'movements' ? 'active' : undefined}
          onClick={() => setView('movements')}
        >
          {t('stock.movements')}
        </button>
      </div>
      <div role="tabpanel" className="panel">
        {view === 'levels' ? (
          <>
            <label className="inline">
              <input
                type="checkbox"
                checked={lowOnly}
                onChange={(event) => setLowOnly(event.target.checked)}
              />
              <span>{t('stock.lowOnly')}</span>
            </label>
            <ProblemMessage error={levels.error} />
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('stock.product')}</th>
                    <th scope="col">SKU</th>
                    <th scope="col" className="number">
                      {t('stock.quantity')}
                    </th>
                    <th scope="col" className="number">
                      {t('stock.minimum')}
                    </th>
                    <th scope="col">{t('companies.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((level) => (
                    <tr key={level.id} className={level.lowStock ? 'low-stock' : undefined}>
                      <td>
                        {level.productName}
                        {level.variantName !== level.productName ? ` · ${level.variantName}` : ''}
                      </td>
                      <td>
                        <code>{level.sku}</code>
                      </td>
                      <td className="number">{formatCount(level.quantity)}</td>
                      <td className="number">
                        {level.minimumQuantity === null ? '–' : formatCount(level.minimumQuantity)}
                      </td>
                      <td>
                        {level.lowStock ? (
                          <span className="badge warning">{t('stock.low')}</span>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {levels.isSuccess && rows.length === 0 ? (
              <p className="muted">{t('stock.none')}</p>
            ) : null}
            <LoadMore list={levels} />
          </>
        ) : store ? (
          <Movements storeId={store.id} timezone={store.timezone} />
        ) : null}
      </div>
    </section>
  );
}

function Movements({ storeId, timezone }: { storeId: string; timezone: string }) {
  const { t } = useTranslation();
  const movements = useInfiniteQuery({
    queryKey: ['stock', 'movements', storeId],
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/v1/inventory/movements', {
          params: { query: { storeId, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows = movements.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <>
      <ProblemMessage error={movements.error} />
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('stock.when')}</th>
              <th scope="col">{t('stock.product')}</th>
              <th scope="col">{t('stock.kind')}</th>
              <th scope="col" className="number">
                {t('stock.delta')}
              </th>
              <th scope="col">{t('stock.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((movement) => (
              <tr key={movement.id}>
                <td>{formatDateTime(movement.createdAt, timezone)}</td>
                <td>
                  {movement.variantName} <code>{movement.sku}</code>
                </td>
                <td>{t(`stock.kinds.${movement.kind}`)}</td>
                <td className="number">
                  {movement.quantityDelta > 0
                    ? `+${formatCount(movement.quantityDelta)}`
                    : formatCount(movement.quantityDelta)}
                </td>
                <td>{movement.reason ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore list={movements} />
    </>
  );
}
