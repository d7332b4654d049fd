import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api, data } from '../../api/client';
import { useMe } from '../../auth/me';
import { formatDateTime } from '../../format/time';
import { useTranslation } from '../../i18n/language';
import { ProblemMessage } from '../../ui/problem-message';
import { editsPermissions, manageableRoles, staffZone } from './staff-shared';
import { StoreNames } from './store-names';
import { UserAccess } from './user-access';
import { UserPermissionsForm } from './user-permissions-form';
import { UserProfileForm } from './user-profile-form';
import { UserSessions } from './user-sessions';
import { UserStoresForm } from './user-stores-form';

/**
 * One staff member: who they are, and (for a role the caller may manage) their profile, stores,
 * access, per-user permissions (owners only) and device sessions.
 */
export function UserDetail({ userId, onClose }: { userId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const heading = useRef<HTMLHeadingElement>(null);
  const user = useQuery({
    queryKey: ['users', 'detail', userId],
    queryFn: () => data(api.GET('/api/v1/users/{id}', { params: { path: { id: userId } } })),
  });
  // A member picked in the list: their details take the focus (and come into view).
  useEffect(() => {
    heading.current?.focus();
  }, []);

  const details = user.data;
  const zone = staffZone(me.data);
  const manages = details ? manageableRoles(me.data).includes(details.role) : false;

  return (
    <section className="staff-detail" aria-labelledby="user-detail-title">
      <article className="panel">
        <div className="panel-head">
          <h2 id="user-detail-title" ref={heading} tabIndex={-1}>
            {t('staff.details', { name: details?.name ?? '…' })}
          </h2>
          <button type="button" onClick={onClose}>
            {t('staff.close')}
          </button>
        </div>
        <ProblemMessage error={user.error} />
        {details ? (
          <>
            <p>
              <span className={`badge ${details.isActive ? 'ok' : 'warning'}`}>
                {details.isActive ? t('staff.active') : t('staff.inactive')}
              </span>{' '}
              {details.mustChangePassword ? (
                <span className="badge warning">{t('staff.mustChangePassword')}</span>
              ) : null}
            </p>
            <dl className="facts">
              <dt>{t('user.role')}</dt>
              <dd>{t(`role.${details.role}`)}</dd>
              <dt>{t('staff.email')}</dt>
              <dd>{details.email ?? '–'}</dd>
              <dt>{t('staff.phone')}</dt>
              <dd>{details.phone ?? '–'}</dd>
              <dt>{t('staff.stores')}</dt>
              <dd>
                <StoreNames user={details} me={me.data} />
              </dd>
              <dt>{t('user.lastLogin')}</dt>
              <dd>
                {details.lastLoginAt
                  ? formatDateTime(details.lastLoginAt, zone)
                  : t('companies.never')}
              </dd>
              <dt>{t('staff.createdAt')}</dt>
              <dd>{formatDateTime(details.createdAt, zone)}</dd>
            </dl>
            {manages ? null : <p className="notice">{t('staff.readOnly')}</p>}
          </>
        ) : null}
      </article>
      {details && manages ? (
        <div className="panels">
          <article className="panel" aria-labelledby="user-profile-title">
            <h3 id="user-profile-title">{t('staff.profile')}</h3>
            <UserProfileForm user={details} />
          </article>
          <article className="panel" aria-labelledby="user-stores-title">
            <h3 id="user-stores-title">{t('staff.storesTitle')}</h3>
            {details.role === 'owner' ? (
              <p className="muted">{t('staff.ownerStores')}</p>
            ) : (
              <UserStoresForm user={details} />
            )}
          </article>
          <article className="panel" aria-labelledby="user-access-title">
            <h3 id="user-access-title">{t('staff.access')}</h3>
            <UserAccess user={details} />
          </article>
          {editsPermissions(me.data) ? (
            <article className="panel" aria-labelledby="user-permissions-title">
              <h3 id="user-permissions-title">{t('staff.permissions')}</h3>
              <UserPermissionsForm user={details} />
            </article>
          ) : null}
        </div>
      ) : null}
      {details ? (
        <article className="panel" aria-labelledby="user-sessions-title">
          <h3 id="user-sessions-title">{t('staff.sessions')}</h3>
          <UserSessions user={details} mayRevoke={manages} />
        </article>
      ) : null}
    </section>
  );
}
