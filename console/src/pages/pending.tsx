import { useTranslation } from '../i18n/language';

/** While a page's code or data is on its way. */
export function PendingPage() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  );
}
