import { createLazyRoute } from '@tanstack/react-router';
import { useTranslation } from '../../i18n/language';

export const Route = createLazyRoute('/app/shifts')({ component: ShiftsPage });

function ShiftsPage() {
  const { t } = useTranslation();
  return <h1>{t('shifts.title')}</h1>;
}
