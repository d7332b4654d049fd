import { createLazyRoute } from '@tanstack/react-router';
import { useTranslation } from '../../i18n/language';

export const Route = createLazyRoute('/app/stock')({ component: StockPage });

function StockPage() {
  const { t } = useTranslation();
  return <h1>{t('stock.title')}</h1>;
}
