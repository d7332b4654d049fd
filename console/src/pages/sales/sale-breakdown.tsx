import { formatCount, formatRupiah } from '../../format/money';
import { formatDateTime } from '../../format/time';
import { useTranslation } from '../../i18n/language';
import { percent, type Sale } from './sale-query';

/** The lines: product and variant, the options of each unit, price, discount, tax, total. */
export function SaleLines({ sale }: { sale: Sale }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="sale-lines-title">
      <h3 id="sale-lines-title">{t('sales.lines')}</h3>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('sales.lineNumber')}</th>
              <th scope="col">{t('sales.item')}</th>
              <th scope="col" className="number">
                {t('sales.quantity')}
              </th>
              <th scope="col" className="number">
                {t('sales.unitPrice')}
              </th>
              <th scope="col" className="number">
                {t('sales.addOns')}
              </th>
              <th scope="col" className="number">
                {t('sales.discount')}
              </th>
              <th scope="col" className="number">
                {t('sales.tax')}
              </th>
              <th scope="col" className="number">
                {t('sales.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {sale.items.map((line) => (
              <tr key={line.id}>
                <td>{line.lineNumber}</td>
                <td>
                  {line.productName}
                  {line.variantName ? <span className="muted"> · {line.variantName}</span> : null}
                  {line.modifiers.length > 0 ? (
                    <ul className="line-modifiers">
                      {line.modifiers.map((modifier) => (
                        <li key={`${modifier.groupId}-${modifier.optionId}`}>
                          {modifier.groupName}: {modifier.name}
                          {modifier.priceDelta ? ` (+${formatRupiah(modifier.priceDelta)})` : ''}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
                <td className="number">
                  {formatCount(line.quantity)}
                  {line.refundedQuantity > 0 ? (
                    <>
                      {' '}
                      <span className="badge warning">
                        {t('sales.refundedQuantity', { count: formatCount(line.refundedQuantity) })}
                      </span>
                    </>
                  ) : null}
                </td>
                <td className="number">
                  {formatRupiah(line.unitPrice)}
                  {line.listUnitPrice !== null && line.listUnitPrice !== line.unitPrice ? (
                    <div className="muted">
                      {t('sales.listPrice', { price: formatRupiah(line.listUnitPrice) })}
                    </div>
                  ) : null}
                </td>
                <td className="number">
                  {line.modifierUnitTotal ? formatRupiah(line.modifierUnitTotal) : '–'}
                </td>
                <td className="number">
                  {line.lineDiscount ? formatRupiah(line.lineDiscount) : '–'}
                </td>
                <td className="number">{line.isTaxable ? formatRupiah(line.taxAmount) : '–'}</td>
                <td className="number">{formatRupiah(line.lineTotal)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** From the subtotal to the total: discounts, service charge, tax, cash rounding, change. */
export function SaleAmounts({ sale }: { sale: Sale }) {
  const { t } = useTranslation();
  const regime = t(`sales.taxRegime.${sale.taxRegime}`);
  return (
    <section className="panel" aria-labelledby="sale-amounts-title">
      <h3 id="sale-amounts-title">{t('sales.amounts')}</h3>
      <dl className="facts amounts">
        <dt>{t('sales.subtotal')}</dt>
        <dd className="number">{formatRupiah(sale.subtotal)}</dd>
        {sale.discountTotal ? (
          <>
            <dt>{t('sales.discount')}</dt>
            <dd className="number">−{formatRupiah(sale.discountTotal)}</dd>
          </>
        ) : null}
        {sale.serviceChargeBasisPoints > 0 || sale.serviceCharge ? (
          <>
            <dt>{t('sales.serviceCharge', { rate: percent(sale.serviceChargeBasisPoints) })}</dt>
            <dd className="number">{formatRupiah(sale.serviceCharge)}</dd>
          </>
        ) : null}
        <dt>
          {sale.taxRegime === 'none'
            ? regime
            : t('sales.taxLine', { regime, rate: percent(sale.taxRateBasisPoints) })}
          {sale.taxRegime !== 'none' && sale.pricesIncludeTax ? (
            <span className="muted"> · {t('sales.taxIncluded')}</span>
          ) : null}
        </dt>
        <dd className="number">{formatRupiah(sale.taxTotal)}</dd>
        {sale.taxBase ? (
          <>
            <dt>{t('sales.taxBase')}</dt>
            <dd className="number">{formatRupiah(sale.taxBase)}</dd>
          </>
        ) : null}
        {sale.rounding ? (
          <>
            <dt>{t('sales.rounding')}</dt>
            <dd className="number">{formatRupiah(sale.rounding)}</dd>
          </>
        ) : null}
        <dt className="strong">{t('sales.total')}</dt>
        <dd className="number strong" data-testid="sale-total">
          {formatRupiah(sale.total)}
        </dd>
        <dt>{t('sales.paid')}</dt>
        <dd className="number">{formatRupiah(sale.paidTotal)}</dd>
        {sale.changeAmount ? (
          <>
            <dt>{t('sales.change')}</dt>
            <dd className="number">{formatRupiah(sale.changeAmount)}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

export function SalePayments({ sale }: { sale: Sale }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="sale-payments-title">
      <h3 id="sale-payments-title">{t('sales.payments')}</h3>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('today.method')}</th>
              <th scope="col" className="number">
                {t('today.amount')}
              </th>
              <th scope="col" className="number">
                {t('sales.tendered')}
              </th>
              <th scope="col" className="number">
                {t('sales.change')}
              </th>
              <th scope="col">{t('sales.reference')}</th>
              <th scope="col">{t('sales.status')}</th>
            </tr>
          </thead>
          <tbody>
            {sale.payments.map((payment) => (
              <tr key={payment.id}>
                <td>{t(`payment.${payment.method}`)}</td>
                <td className="number">{formatRupiah(payment.amount)}</td>
                <td className="number">
                  {payment.tendered === null ? '–' : formatRupiah(payment.tendered)}
                </td>
                <td className="number">
                  {payment.changeAmount ? formatRupiah(payment.changeAmount) : '–'}
                </td>
                <td>{payment.externalReference ?? '–'}</td>
                <td>{t(`sales.paymentStatus.${payment.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The refunds already made of a sale, each one a transaction of its own to open. */
export function SaleRefunds({
  sale,
  timezone,
  onOpen,
}: {
  sale: Sale;
  timezone: string;
  onOpen: (saleId: string) => void;
}) {
  const { t } = useTranslation();
  if (sale.refunds.length === 0) return null;
  return (
    <section aria-labelledby="sale-refunds-title">
      <h3 id="sale-refunds-title">{t('sales.refunds')}</h3>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('sales.number')}</th>
              <th scope="col">{t('sales.time')}</th>
              <th scope="col">{t('sales.refundReason')}</th>
              <th scope="col" className="number">
                {t('sales.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {sale.refunds.map((refund) => (
              <tr key={refund.id}>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onOpen(refund.id)}
                    aria-label={t('sales.open', { number: refund.number })}
                  >
                    <code>{refund.number}</code>
                  </button>
                </td>
                <td>{formatDateTime(refund.createdAt, timezone)}</td>
                <td>{refund.note ?? '–'}</td>
                <td className="number">{formatRupiah(refund.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
