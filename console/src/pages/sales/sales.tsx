import { createLazyRoute } from '@tanstack/react-router';
import { useTranslation } from '../../i18n/language';

export const Route = createLazyRoute('/app/sales')({ component: SalesPage });

function SalesPage() {
  const { t } = useTranslation();
  return <h1>{t('sales.title')}</h1>;
}
