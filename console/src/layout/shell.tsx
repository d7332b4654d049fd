import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { holds, isOperator, type Permission, useMe } from '../auth/me';
import { signOut, useSession } from '../auth/session';
import { useTranslation } from '../i18n/language';
import type { MessageKey } from '../i18n/messages';
import { ChangePasswordPage } from '../pages/change-password';
import { LanguageSwitch } from '../ui/language-switch';
import { ProblemMessage } from '../ui/problem-message';

interface NavItem {
  to:
    | '/today'
    | '/reports'
    | '/sales'
    | '/shifts'
    | '/catalog'
    | '/stock'
    | '/staff'
    | '/stores'
    | '/audit'
    | '/platform/companies'
    | '/platform/monitoring';
  label: MessageKey;
  /** What the API wants for the page's main calls: without it the page is not offered. */
  permission?: Permission;
}

const operatorItems: NavItem[] = [
  { to: '/platform/companies', label: 'nav.companies' },
  { to: '/platform/monitoring', label: 'nav.monitoring' },
];

const tenantItems: NavItem[] = [
  { to: '/today', label: 'nav.today', permission: 'reports.view' },
  { to: '/reports', label: 'nav.reports', permission: 'reports.view' },
  { to: '/sales', label: 'nav.sales', permission: 'reports.view' },
  { to: '/shifts', label: 'nav.shifts', permission: 'sales.create' },
  { to: '/catalog', label: 'nav.catalog', permission: 'catalog.manage' },
  { to: '/stock', label: 'nav.stock', permission: 'inventory.manage' },
  { to: '/staff', label: 'nav.staff', permission: 'users.manage' },
  { to: '/stores', label: 'nav.stores', permission: 'settings.manage' },
  { to: '/audit', label: 'nav.audit', permission: 'audit.view' },
];

/** The frame of every signed-in page: who you are, where you can go, and the way out. */
export function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession();

  // The session ended elsewhere (revoked, signed out everywhere, the refresh refused): to sign-in.
  useEffect(() => {
    if (!session) void navigate({ to: '/login' });
  }, [session, navigate]);

  const items = isOperator(me.data)
    ? operatorItems
    : tenantItems.filter((item) => !item.permission || holds(me.data, item.permission));

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
        {me.data?.user.mustChangePassword ? (
          <ChangePasswordPage required />
        ) : me.data && items.length === 0 ? (
          <p>{t('nav.nothingAllowed')}</p>
        ) : (
          <Outlet />
        )}
      </main>
    </div>
  );
}
