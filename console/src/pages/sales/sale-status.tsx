import { useTranslation } from '../../i18n/language';
import type { SaleSummary } from './sale-query';

const tones: Record<SaleSummary['status'], 'ok' | 'warning' | 'danger'> = {
  completed: 'ok',
  voided: 'danger',
  partially_refunded: 'warning',
  refunded: 'warning',
};

/** Selesai, Void, Refund sebagian, Direfund. */
export function SaleStatusBadge({ status }: { status: SaleSummary['status'] }) {
  const { t } = useTranslation();
  return <span className={`badge ${tones[status]}`}>{t(`sales.status.${status}`)}</span>;
}
