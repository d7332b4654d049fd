import { useInfiniteQuery } from '@tanstack/react-query';
import { createLazyRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { api, data } from '../../api/client';
import { useMe } from '../../auth/me';
import { formatCount, formatRupiah } from '../../format/money';
import { formatDateTime, zoneName } from '../../format/time';
import { useTranslation } from '../../i18n/language';
import { LoadMore } from '../../ui/load-more';
import { ProblemMessage } from '../../ui/problem-message';
import { StorePicker } from '../../ui/store-picker';
import { useStoreDay } from '../sales/store-day';
import { DifferenceBadge, ShiftStatusBadge } from './shift-badges';
import { ShiftDetail } from './shift-detail';

export const Route = createLazyRoute('/app/shifts')({ component: ShiftsPage });

type StatusChoice = 'all' | 'open' | 'closed';

/**
 * The shifts of a store by business date and status (a cashier sees only their own), with a
 * shift's X or Z report, its printout, and the force-close of a shift left open (shifts.manage).
 */
function ShiftsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const stores = me.data?.stores ?? [];
  const [storeChoice, setStoreChoice] = useState<string>();
  const store = stores.find((option) => option.id === storeChoice) ?? stores[0];
  const { store: settings, businessDate: today } = useStoreDay(store?.id);
  // The store's business day until the user picks a date; an empty date means every date.
  const [dateChoice, setDate] = useState<string>();
  const date = dateChoice ?? today ?? '';
  const [status, setStatus] = useState<StatusChoice>('all');
  const [selected, setSelected] = useState<string>();
  const timezone = store?.timezone ?? 'Asia/Jakarta';

  const query = {
    storeId: store?.id ?? '',
    ...(date ? { businessDate: date } : {}),
    ...(status === 'all' ? {} : { status }),
  };
  const shifts = useInfiniteQuery({
    queryKey: ['shifts', query],
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/v1/shifts', {
          params: { query: { ...query, limit: 25, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // Wait for the business day, unless the user already chose (or cleared) the date.
    enabled: Boolean(store && (dateChoice !== undefined || today)),
  });
  const rows = shifts.data?.pages.flatMap((page) => page.data) ?? [];

  if (me.data && !store) return <p>{t('today.noStores')}</p>;
  return (
    <section aria-labelledby="shifts-title">
      <div className="page-head">
        <h1 id="shifts-title">{t('shifts.title')}</h1>
        {today ? (
          <span className="muted">
            {t('today.businessDate', { date: today, zone: zoneName(timezone) })}
          </span>
        ) : null}
      </div>
      <form
        className="filters"
        aria-label={t('shifts.filters')}
        onSubmit={(event) => event.preventDefault()}
      >
        {stores.length > 1 ? (
          <StorePicker stores={stores} value={store?.id} onChange={setStoreChoice} />
        ) : null}
        <label className="inline">
          <span>{t('shifts.businessDate')}</span>
          <input type="date" value={date} onChange={(event) => setDate(event.target.value)} />
        </label>
        <button type="button" onClick={() => setDate('')} disabled={date === ''}>
          {t('shifts.allDates')}
        </button>
        <label className="inline">
          <span>{t('shifts.status')}</span>
          <select
            value={status}
            onChange={(event) => setStatus(event.target.value as StatusChoice)}
          >
            <option value="all">{t('shifts.statusAll')}</option>
            <option value="open">{t('shifts.status.open')}</option>
            <option value="closed">{t('shifts.status.closed')}</option>
          </select>
        </label>
      </form>
      <ProblemMessage error={settings.error} />

      {selected ? (
        <ShiftDetail key={selected} shiftId={selected} onClose={() => setSelected(undefined)} />
      ) : null}

      <article className="panel">
        <h2>{t('shifts.list')}</h2>
        <ProblemMessage error={shifts.error} />
        <div className="table-scroll">
          <table className="shifts-table">
            <thead>
              <tr>
                <th scope="col">{t('shifts.shift')}</th>
                <th scope="col">{t('shifts.openedBy')}</th>
                <th scope="col">{t('shifts.closedAt')}</th>
                <th scope="col">{t('shifts.status')}</th>
                <th scope="col" className="number">
                  {t('shifts.salesCount')}
                </th>
                <th scope="col" className="number">
                  {t('shifts.expectedCash')}
                </th>
                <th scope="col" className="number">
                  {t('shifts.countedCash')}
                </th>
                <th scope="col">{t('shifts.difference')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((shift) => (
                <tr
                  key={shift.id}
                  className={shift.id === selected ? 'selected' : undefined}
                  aria-current={shift.id === selected ? 'true' : undefined}
                >
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setSelected(shift.id)}
                    >
                      {t('shifts.open', {
                        device: shift.device.name,
                        time: formatDateTime(shift.openedAt, timezone),
                      })}
                    </button>
                  </td>
                  <td>{shift.openedBy.name}</td>
                  <td>{shift.closedAt ? formatDateTime(shift.closedAt, timezone) : '–'}</td>
                  <td>
                    <ShiftStatusBadge shift={shift} />
                  </td>
                  <td className="number">{formatCount(shift.salesCount)}</td>
                  <td className="number">{formatRupiah(shift.expectedCash)}</td>
                  <td className="number">
                    {shift.countedCash === null ? '–' : formatRupiah(shift.countedCash)}
                  </td>
                  <td>
                    <DifferenceBadge difference={shift.difference} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {shifts.isSuccess && rows.length === 0 ? <p className="muted">{t('shifts.none')}</p> : null}
        <LoadMore list={shifts} />
      </article>
    </section>
  );
}
