import { Link } from '@tanstack/react-router';
import { useTranslation } from '../i18n/language';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <main className="content narrow">
      <h1>{t('notFound.title')}</h1>
      <Link to="/">{t('notFound.home')}</Link>
    </main>
  );
}
