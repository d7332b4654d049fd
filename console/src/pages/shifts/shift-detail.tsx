import { queryOptions, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api, data } from '../../api/client';
import type { components } from '../../api/schema';
import { holds, useMe } from '../../auth/me';
import { formatRupiah } from '../../format/money';
import { formatDateTime } from '../../format/time';
import { useTranslation } from '../../i18n/language';
import { Figure } from '../../ui/figure';
import { ProblemMessage } from '../../ui/problem-message';
import { differenceText, ShiftFlags, ShiftStatusBadge } from './shift-badges';
import { ForceCloseForm } from './shift-force-close';
import { ShiftPrintout } from './shift-printout';
import { CashTable, MethodsTable, MovementsTable, SalesSummary } from './shift-report-tables';

export type ShiftReport = components['schemas']['ShiftReport'];

/** A shift's X report (open) or Z report (closed), computed by the API whenever it is read. */
export function shiftQuery(id: string) {
  return queryOptions({
    queryKey: ['shift', id],
    queryFn: () => data(api.GET('/api/v1/shifts/{id}', { params: { path: { id } } })),
  });
}

export function ShiftDetail({ shiftId, onClose }: { shiftId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const report = useQuery(shiftQuery(shiftId));
  const [done, setDone] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening a shift moves the focus (and the view) to it.
  useEffect(() => heading.current?.focus(), []);
  const current = report.data;
  const device = current?.shift.device.name ?? '';

  return (
    <article className="panel shift-detail" aria-labelledby="shift-detail-title">
      <div className="panel-head">
        <h2 id="shift-detail-title" ref={heading} tabIndex={-1}>
          {current
            ? t(current.kind === 'X' ? 'shifts.reportX' : 'shifts.reportZ', { device })
            : '…'}
        </h2>
        <button type="button" onClick={onClose}>
          {t('shifts.closeDetail')}
        </button>
      </div>
      <ProblemMessage error={report.error} />
      {done ? (
        <p className="success" role="status">
          {done}
        </p>
      ) : null}
      {current ? (
        <>
          {current.kind === 'X' ? <p className="muted">{t('shifts.xHint')}</p> : null}
          {current.salesLanded.complete === false ? (
            <p className="notice" role="status">
              {t('shifts.landedIncomplete', {
                landed: current.salesLanded.landed,
                reported: current.salesLanded.reported ?? '?',
              })}
            </p>
          ) : null}
          <ShiftFacts report={current} />
          <ShiftFigures report={current} />
          <div className="panels">
            <CashTable report={current} />
            <SalesSummary report={current} />
          </div>
          <div className="panels">
            <MethodsTable report={current} />
            <MovementsTable report={current} />
          </div>
          <ShiftPrintout shiftId={current.shift.id} />
          {holds(me.data, 'shifts.manage') && current.shift.status === 'open' ? (
            <section className="panel" aria-labelledby="force-close-title">
              <h3 id="force-close-title">{t('shifts.forceClose')}</h3>
              <ForceCloseForm shift={current.shift} onDone={setDone} />
            </section>
          ) : null}
        </>
      ) : null}
    </article>
  );
}

function ShiftFacts({ report }: { report: ShiftReport }) {
  const { t } = useTranslation();
  const { shift, store } = report;
  return (
    <dl className="facts">
      <dt>{t('shifts.status')}</dt>
      <dd>
        <ShiftStatusBadge shift={shift} />
      </dd>
      <dt>{t('today.store')}</dt>
      <dd>
        {store.code} · {store.name}
      </dd>
      <dt>{t('shifts.businessDate')}</dt>
      <dd>{shift.businessDate}</dd>
      <dt>{t('shifts.device')}</dt>
      <dd>{shift.device.name}</dd>
      <dt>{t('shifts.openedAt')}</dt>
      <dd>
        {formatDateTime(shift.openedAt, store.timezone)} · {shift.openedBy.name}
      </dd>
      {shift.closedAt ? (
        <>
          <dt>{t('shifts.closedAt')}</dt>
          <dd>
            {formatDateTime(shift.closedAt, store.timezone)}
            {shift.closedBy ? ` · ${shift.closedBy.name}` : ''}
          </dd>
        </>
      ) : null}
      {shift.closeNote ? (
        <>
          <dt>{t('shifts.closeNote')}</dt>
          <dd>{shift.closeNote}</dd>
        </>
      ) : null}
      {shift.flags.length > 0 ? (
        <>
          <dt>{t('shifts.flags')}</dt>
          <dd>
            <ShiftFlags flags={shift.flags} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** The drawer at a glance: what should be in it, what was counted, and the gap, in red if any. */
function ShiftFigures({ report }: { report: ShiftReport }) {
  const { t } = useTranslation();
  const { cash } = report;
  const off = cash.difference !== null && cash.difference !== 0;
  return (
    <div className="cards">
      <Figure
        label={t('shifts.sales')}
        value={formatRupiah(report.sales.total)}
        testId="shift-sales"
      />
      <Figure
        label={t('shifts.expectedCash')}
        value={formatRupiah(cash.expected)}
        testId="shift-expected-cash"
      />
      <Figure
        label={t('shifts.countedCash')}
        value={cash.counted === null ? t('shifts.notCounted') : formatRupiah(cash.counted)}
        testId="shift-counted-cash"
      />
      <div className={`cash-difference${off ? ' off' : ''}`}>
        <Figure
          label={t('shifts.difference')}
          value={differenceText(t, cash.difference)}
          testId="shift-difference"
        />
      </div>
    </div>
  );
}
