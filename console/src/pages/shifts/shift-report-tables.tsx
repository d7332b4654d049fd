import { formatCount, formatRupiah } from '../../format/money';
import { formatTime } from '../../format/time';
import { useTranslation } from '../../i18n/language';
import { percent } from '../sales/sale-query';
import { DifferenceBadge } from './shift-badges';
import type { ShiftReport } from './shift-detail';

/** One labelled amount of a report table (a row header and its figure; −0 shows as 0). */
function AmountRow({
  label,
  amount,
  strong,
}: {
  label: string;
  amount: number | string;
  strong?: boolean;
}) {
  return (
    <tr className={strong ? 'strong' : undefined}>
      <th scope="row">{label}</th>
      <td className="number">
        {typeof amount === 'number' ? formatRupiah(amount === 0 ? 0 : amount) : amount}
      </td>
    </tr>
  );
}

/** The drawer: opening cash, cash in and out, expected, counted, difference. */
export function CashTable({ report }: { report: ShiftReport }) {
  const { t } = useTranslation();
  const { cash } = report;
  const denominations = report.shift.denominations ?? [];
  return (
    <section className="panel" aria-labelledby="shift-cash-title">
      <h3 id="shift-cash-title">{t('shifts.cash')}</h3>
      <table>
        <tbody>
          <AmountRow label={t('shifts.openingCash')} amount={cash.opening} />
          <AmountRow label={t('shifts.cashSales')} amount={cash.sales} />
          <AmountRow label={t('shifts.cashRefunds')} amount={-cash.refunds} />
          <AmountRow label={t('shifts.cashVoids')} amount={-cash.voids} />
          <AmountRow label={t('shifts.payIns')} amount={cash.payIns} />
          <AmountRow label={t('shifts.payOuts')} amount={-cash.payOuts} />
          <AmountRow label={t('shifts.expectedCash')} amount={cash.expected} strong />
          <AmountRow
            label={t('shifts.countedCash')}
            amount={cash.counted === null ? t('shifts.notCounted') : cash.counted}
          />
          <tr className={cash.difference ? 'strong cash-off' : 'strong'}>
            <th scope="row">{t('shifts.difference')}</th>
            <td className="number">
              <DifferenceBadge difference={cash.difference} />
            </td>
          </tr>
        </tbody>
      </table>
      {denominations.length > 0 ? (
        <>
          <h4>{t('shifts.denominations')}</h4>
          <ul className="denominations">
            {denominations.map((entry) => (
              <li key={entry.value}>
                {t('shifts.denomination', {
                  count: formatCount(entry.count),
                  value: formatRupiah(entry.value),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** The sales of the shift: from gross to total, tax by regime, refunds and voids. */
export function SalesSummary({ report }: { report: ShiftReport }) {
  const { t } = useTranslation();
  const { sales } = report;
  return (
    <section className="panel" aria-labelledby="shift-sales-title">
      <h3 id="shift-sales-title">{t('shifts.salesBlock')}</h3>
      <table>
        <tbody>
          <AmountRow label={t('shifts.salesCount')} amount={formatCount(sales.count)} />
          <AmountRow label={t('shifts.gross')} amount={sales.gross} />
          <AmountRow label={t('shifts.discounts')} amount={-sales.discounts} />
          <AmountRow label={t('shifts.serviceCharge')} amount={sales.serviceCharge} />
          <AmountRow label={t('shifts.tax')} amount={sales.tax} />
          <AmountRow label={t('shifts.rounding')} amount={sales.rounding} />
          <AmountRow label={t('shifts.total')} amount={sales.total} strong />
          {report.taxes
            .filter((tax) => tax.regime !== 'none')
            .map((tax) => (
              <AmountRow
                key={`${tax.regime}-${tax.rateBasisPoints}`}
                label={t('shifts.taxLine', {
                  regime: t(`sales.taxRegime.${tax.regime}`),
                  rate: percent(tax.rateBasisPoints),
                  count: formatCount(tax.count),
                })}
                amount={tax.amount}
              />
            ))}
          <AmountRow
            label={t('shifts.refunds', { count: formatCount(report.refunds.count) })}
            amount={-report.refunds.amount}
          />
          <AmountRow
            label={t('shifts.voids', { count: formatCount(report.voids.count) })}
            amount={-report.voids.amount}
          />
        </tbody>
      </table>
    </section>
  );
}

/** Tenders by method and what is left of them after refunds and voids (to match EDC/QRIS). */
export function MethodsTable({ report }: { report: ShiftReport }) {
  const { t } = useTranslation();
  const methods = [
    ...new Set([...report.payments, ...report.netByMethod].map((entry) => entry.method)),
  ];
  const amountOf = (list: ShiftReport['payments'], method: string) =>
    list.find((entry) => entry.method === method)?.amount ?? 0;
  return (
    <section className="panel" aria-labelledby="shift-methods-title">
      <h3 id="shift-methods-title">{t('shifts.byMethod')}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('today.method')}</th>
            <th scope="col" className="number">
              {t('shifts.tenders')}
            </th>
            <th scope="col" className="number">
              {t('shifts.net')}
            </th>
          </tr>
        </thead>
        <tbody>
          {methods.map((method) => (
            <tr key={method}>
              <td>{t(`payment.${method}`)}</td>
              <td className="number">{formatRupiah(amountOf(report.payments, method))}</td>
              <td className="number">{formatRupiah(amountOf(report.netByMethod, method))}</td>
            </tr>
          ))}
          {methods.length === 0 ? (
            <tr>
              <td colSpan={3} className="muted">
                {t('today.noSales')}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}

/** Money put into or taken out of the drawer other than by a sale. */
export function MovementsTable({ report }: { report: ShiftReport }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="shift-movements-title">
      <h3 id="shift-movements-title">{t('shifts.movements')}</h3>
      {report.movements.length === 0 ? (
        <p className="muted">{t('shifts.noMovements')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('shifts.time')}</th>
                <th scope="col">{t('shifts.kind')}</th>
                <th scope="col" className="number">
                  {t('shifts.amount')}
                </th>
                <th scope="col">{t('shifts.reason')}</th>
                <th scope="col">{t('shifts.by')}</th>
              </tr>
            </thead>
            <tbody>
              {report.movements.map((movement) => (
                <tr key={movement.id}>
                  <td>{formatTime(movement.occurredAt, report.store.timezone)}</td>
                  <td>{t(`shifts.movementKind.${movement.kind}`)}</td>
                  <td className="number">{formatRupiah(movement.amount)}</td>
                  <td className="wrap">{movement.reason}</td>
                  <td>{movement.createdBy.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
