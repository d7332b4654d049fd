import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { formatDateTime } from '../../format/time';
import { useTranslation } from '../../i18n/language';
import { ProblemMessage } from '../../ui/problem-message';
import { SaleActions } from './sale-actions';
import { SaleAmounts, SaleLines, SalePayments, SaleRefunds } from './sale-breakdown';
import { type Sale, saleQuery } from './sale-query';
import { SaleReceipt } from './sale-receipt';
import { SaleStatusBadge } from './sale-status';
import { saleTime } from './sales-table';

/** One sale opened from the list: what was sold and paid, its receipt, and what may be done. */
export function SaleDetail({
  saleId,
  timezone,
  onOpen,
  onClose,
}: {
  saleId: string;
  timezone: string;
  onOpen: (saleId: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const sale = useQuery(saleQuery(saleId));
  const [done, setDone] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening a sale moves the focus (and the view) to it.
  useEffect(() => heading.current?.focus(), []);
  const current = sale.data;

  return (
    <article className="panel sale-detail" aria-labelledby="sale-detail-title">
      <div className="panel-head">
        <h2 id="sale-detail-title" ref={heading} tabIndex={-1}>
          {t('sales.detailTitle', { number: current?.number ?? '…' })}
        </h2>
        <button type="button" onClick={onClose}>
          {t('sales.closeDetail')}
        </button>
      </div>
      <ProblemMessage error={sale.error} />
      {done ? (
        <p className="success" role="status">
          {done}
        </p>
      ) : null}
      {current ? (
        <>
          <SaleFacts sale={current} timezone={timezone} onOpen={onOpen} />
          <SaleLines sale={current} />
          <div className="panels">
            <SaleAmounts sale={current} />
            <SalePayments sale={current} />
          </div>
          <SaleRefunds sale={current} timezone={timezone} onOpen={onOpen} />
          <SaleReceipt sale={current} />
          <SaleActions sale={current} onDone={setDone} />
        </>
      ) : null}
    </article>
  );
}

function SaleFacts({
  sale,
  timezone,
  onOpen,
}: {
  sale: Sale;
  timezone: string;
  onOpen: (saleId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <dt>{t('sales.status')}</dt>
      <dd>
        <SaleStatusBadge status={sale.status} /> {t(`sales.kind.${sale.kind}`)}
      </dd>
      <dt>{t('sales.time')}</dt>
      <dd>{formatDateTime(saleTime(sale), timezone)}</dd>
      <dt>{t('sales.businessDate')}</dt>
      <dd>{sale.businessDate}</dd>
      <dt>{t('today.store')}</dt>
      <dd>{sale.storeCode}</dd>
      <dt>{t('sales.cashier')}</dt>
      <dd>{sale.cashierName}</dd>
      {sale.refundOfId ? (
        <>
          <dt>{t('sales.refundOf')}</dt>
          <dd>
            <button
              type="button"
              className="link-button"
              onClick={() => sale.refundOfId && onOpen(sale.refundOfId)}
            >
              {t('sales.openOriginal')}
            </button>
          </dd>
        </>
      ) : null}
      {sale.note ? (
        <>
          <dt>{sale.kind === 'refund' ? t('sales.refundReason') : t('sales.note')}</dt>
          <dd>{sale.note}</dd>
        </>
      ) : null}
      {sale.voidedAt ? (
        <>
          <dt>{t('sales.voidedAt')}</dt>
          <dd>{formatDateTime(sale.voidedAt, timezone)}</dd>
          <dt>{t('sales.voidReason')}</dt>
          <dd>{sale.voidReason ?? '–'}</dd>
        </>
      ) : null}
      {sale.flags.length > 0 ? (
        <>
          <dt>{t('sales.flags')}</dt>
          <dd className="flags">
            {sale.flags.map((flag) => (
              <span key={flag} className="badge warning">
                {t(`sales.flag.${flag}`)}
              </span>
            ))}
          </dd>
        </>
      ) : null}
    </dl>
  );
}
