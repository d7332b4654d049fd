import { formatRupiah } from '../../format/money';
import { formatDateTime } from '../../format/time';
import { useTranslation } from '../../i18n/language';
import type { SaleSummary } from './sale-query';
import { SaleStatusBadge } from './sale-status';

/** When a sale happened: the till's clock for a sale made offline, else the server's. */
export function saleTime(sale: Pick<SaleSummary, 'clientCreatedAt' | 'createdAt'>): string {
  return sale.clientCreatedAt ?? sale.createdAt;
}

export function SalesTable({
  rows,
  timezone,
  selected,
  onOpen,
}: {
  rows: SaleSummary[];
  timezone: string;
  selected: string | undefined;
  onOpen: (saleId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="sales-table">
        <thead>
          <tr>
            <th scope="col">{t('sales.number')}</th>
            <th scope="col">{t('sales.time')}</th>
            <th scope="col">{t('sales.cashier')}</th>
            <th scope="col">{t('sales.kind')}</th>
            <th scope="col">{t('sales.methods')}</th>
            <th scope="col" className="number">
              {t('sales.total')}
            </th>
            <th scope="col">{t('sales.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((sale) => (
            <tr
              key={sale.id}
              className={sale.id === selected ? 'selected' : undefined}
              aria-current={sale.id === selected ? 'true' : undefined}
            >
              <td>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onOpen(sale.id)}
                  aria-label={t('sales.open', { number: sale.number })}
                >
                  <code>{sale.number}</code>
                </button>
              </td>
              <td>{formatDateTime(saleTime(sale), timezone)}</td>
              <td>{sale.cashierName}</td>
              <td>{t(`sales.kind.${sale.kind}`)}</td>
              <td>{sale.methods.map((method) => t(`payment.${method}`)).join(', ')}</td>
              <td className="number">{formatRupiah(sale.total)}</td>
              <td>
                <SaleStatusBadge status={sale.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
