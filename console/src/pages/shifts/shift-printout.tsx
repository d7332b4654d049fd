import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { useTranslation } from '../../i18n/language';
import { ProblemMessage } from '../../ui/problem-message';
import { type PaperWidth, PaperWidthToggle } from '../sales/paper-width';

/** The shift report as the till prints it (the store's receipt header and footer), 32 or 48. */
export function ShiftPrintout({ shiftId }: { shiftId: string }) {
  const { t } = useTranslation();
  const [width, setWidth] = useState<PaperWidth>('32');
  // Under the shift's key: a force-close refreshes the printout with the report.
  const printout = useQuery({
    queryKey: ['shift', shiftId, 'printout', width],
    queryFn: async () => {
      const { data: text } = await api.GET('/api/v1/shifts/{id}/report', {
        params: { path: { id: shiftId }, query: { format: 'text', width } },
        parseAs: 'text',
      });
      return text as unknown as string;
    },
    placeholderData: (previous) => previous,
  });
  return (
    <section className="receipt-section" aria-labelledby="shift-printout-title">
      <div className="panel-head">
        <h3 id="shift-printout-title">{t('shifts.printed')}</h3>
        <PaperWidthToggle
          name="shift-printout-width"
          legend={t('shifts.paperWidth')}
          value={width}
          onChange={setWidth}
          columnsLabel={(columns) => t('shifts.columns', { columns })}
        />
      </div>
      <ProblemMessage error={printout.error} />
      <figure className="receipt-figure">
        <figcaption className="visually-hidden">{t('shifts.printedText')}</figcaption>
        <pre className="receipt-text" data-testid="shift-report-text">
          {printout.data ?? '…'}
        </pre>
      </figure>
    </section>
  );
}
