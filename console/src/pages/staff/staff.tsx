import { createLazyRoute } from '@tanstack/react-router';
import { useTranslation } from '../../i18n/language';

export const Route = createLazyRoute('/app/staff')({ component: StaffPage });

function StaffPage() {
  const { t } = useTranslation();
  return <h1>{t('staff.title')}</h1>;
}
