import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { holds, isOperator, useMe } from '../auth/me';
import { signOut } from '../auth/session';
import { useTranslation } from '../i18n/language';
import type { MessageKey } from '../i18n/messages';
import { LanguageSwitch } from '../ui/language-switch';
import { ProblemMessage } from '../ui/problem-message';

interface NavItem {
  to: '/today' | '/platform/companies' | '/platform/monitoring';
  label: MessageKey;
}

/** The frame of every signed-in page: who you are, where you can go, and the way out. */
export function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const items: NavItem[] = isOperator(me.data)
    ? [
        { to: '/platform/companies', label: 'nav.companies' },
        { to: '/platform/monitoring', label: 'nav.monitoring' },
      ]
    : holds(me.data, 'reports.view')
      ? [{ to: '/today', label: 'nav.today' }]
      : [];

  async function leave() {
    await signOut();
    queryClient.clear();
    await navigate({ to: '/login' });
  }

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">kasir-edge</span>
        <span className="company">{me.data?.company.name}</span>
        <span className="spacer" />
        <span className="user">{me.data?.user.name}</span>
        <LanguageSwitch />
        <button type="button" className="link-button" onClick={() => void leave()}>
          {t('auth.signOut')}
        </button>
      </header>
      <nav className="nav" aria-label={t('nav.label')}>
        {items.map((item) => (
          <Link
            key={item.to}
            to={item.to}
            activeProps={{ 'aria-current': 'page', className: 'active' }}
          >
            {t(item.label)}
          </Link>
        ))}
      </nav>
      <main className="content">
        {me.error ? <ProblemMessage error={me.error} /> : null}
        {me.data && items.length === 0 ? <p>{t('nav.nothingAllowed')}</p> : <Outlet />}
      </main>
    </div>
  );
}
