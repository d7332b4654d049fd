import { createLazyRoute } from '@tanstack/react-router';
import { useTranslation } from '../../i18n/language';

export const Route = createLazyRoute('/app/audit')({ component: AuditPage });

function AuditPage() {
  const { t } = useTranslation();
  return <h1>{t('audit.title')}</h1>;
}
