import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { useTranslation } from '../../i18n/language';
import { ProblemMessage } from '../../ui/problem-message';
import { type PaperWidth, PaperWidthToggle } from './paper-width';
import type { Sale } from './sale-query';

/** The receipt as rendered by the store's template: the printer's text and the digital HTML. */
function receiptText(
  saleId: string,
  query: { format: 'html' } | { format: 'text'; width: PaperWidth },
) {
  return async () => {
    const { data: body } = await api.GET('/api/v1/transactions/{id}/receipt', {
      params: { path: { id: saleId }, query },
      parseAs: 'text',
    });
    return body as unknown as string;
  };
}

export function SaleReceipt({ sale }: { sale: Sale }) {
  const { t } = useTranslation();
  const [width, setWidth] = useState<PaperWidth>('32');
  // Under the sale's key: a void or refund refreshes the receipt with the sale.
  const text = useQuery({
    queryKey: ['sale', sale.id, 'receipt', 'text', width],
    queryFn: receiptText(sale.id, { format: 'text', width }),
    placeholderData: (previous) => previous,
  });
  const html = useQuery({
    queryKey: ['sale', sale.id, 'receipt', 'html'],
    queryFn: receiptText(sale.id, { format: 'html' }),
  });
  return (
    <section className="receipt-section" aria-labelledby="sale-receipt-title">
      <div className="panel-head">
        <h3 id="sale-receipt-title">{t('sales.receipt')}</h3>
        <PaperWidthToggle
          name="sale-receipt-width"
          legend={t('sales.receiptWidth')}
          value={width}
          onChange={setWidth}
          columnsLabel={(columns) => t('sales.columns', { columns })}
        />
      </div>
      <ProblemMessage error={text.error ?? html.error} />
      <div className="receipt-views">
        <figure className="receipt-figure">
          <figcaption className="visually-hidden">
            {t('sales.receiptText', { number: sale.number })}
          </figcaption>
          <pre className="receipt-text" data-testid="sale-receipt-text">
            {text.data ?? '…'}
          </pre>
        </figure>
        <iframe
          className="receipt-html"
          title={t('sales.receiptHtml', { number: sale.number })}
          sandbox=""
          srcDoc={html.data ?? ''}
        />
      </div>
    </section>
  );
}
