import { useInfiniteQuery } from '@tanstack/react-query';
import { createLazyRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { api, data } from '../../api/client';
import { type Me, useMe } from '../../auth/me';
import { formatDateTime } from '../../format/time';
import { useTranslation } from '../../i18n/language';
import { LoadMore } from '../../ui/load-more';
import { ProblemMessage } from '../../ui/problem-message';
import { useDebounced } from '../../ui/use-debounced';
import { NewUserForm } from './new-user-form';
import { staffZone, type TenantRole, tenantRoles, type User } from './staff-shared';
import { StoreNames } from './store-names';
import { UserDetail } from './user-detail';

export const Route = createLazyRoute('/app/staff')({ component: StaffPage });

type RoleFilter = 'all' | TenantRole;
type ActiveFilter = 'all' | 'true' | 'false';

/** Owners and managers (users.manage): the company's staff, one member's details, new staff. */
function StaffPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<RoleFilter>('all');
  const [active, setActive] = useState<ActiveFilter>('all');
  const [selectedId, setSelectedId] = useState<string>();
  const term = useDebounced(search.trim());

  const users = useInfiniteQuery({
    queryKey: ['users', 'list', term, role, active],
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/v1/users', {
          params: {
            query: {
              limit: 25,
              ...(term ? { search: term } : {}),
              ...(role === 'all' ? {} : { role }),
              ...(active === 'all' ? {} : { active }),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows = users.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <section aria-labelledby="staff-title">
      <div className="page-head">
        <h1 id="staff-title">{t('staff.title')}</h1>
      </div>
      <article className="panel" aria-labelledby="staff-list-title">
        <h2 id="staff-list-title">{t('staff.list')}</h2>
        <div className="filters">
          <label className="inline">
            <span>{t('companies.search')}</span>
            <input
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder={t('staff.searchHint')}
            />
          </label>
          <label className="inline">
            <span>{t('user.role')}</span>
            <select value={role} onChange={(event) => setRole(event.target.value as RoleFilter)}>
              <option value="all">{t('staff.allRoles')}</option>
              {tenantRoles.map((option) => (
                <option key={option} value={option}>
                  {t(`role.${option}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            <span>{t('staff.status')}</span>
            <select
              value={active}
              onChange={(event) => setActive(event.target.value as ActiveFilter)}
            >
              <option value="all">{t('staff.statusAll')}</option>
              <option value="true">{t('staff.active')}</option>
              <option value="false">{t('staff.inactive')}</option>
            </select>
          </label>
        </div>
        <ProblemMessage error={users.error} />
        <StaffTable rows={rows} me={me.data} selectedId={selectedId} onSelect={setSelectedId} />
        {users.isSuccess && rows.length === 0 ? <p className="muted">{t('staff.none')}</p> : null}
        <LoadMore list={users} />
      </article>
      {selectedId ? (
        <UserDetail key={selectedId} userId={selectedId} onClose={() => setSelectedId(undefined)} />
      ) : null}
      <article className="panel" aria-labelledby="staff-new-title">
        <h2 id="staff-new-title">{t('staff.newTitle')}</h2>
        <NewUserForm />
      </article>
    </section>
  );
}

function StaffTable({
  rows,
  me,
  selectedId,
  onSelect,
}: {
  rows: User[];
  me: Me | undefined;
  selectedId: string | undefined;
  onSelect: (userId: string) => void;
}) {
  const { t } = useTranslation();
  const zone = staffZone(me);
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('staff.name')}</th>
            <th scope="col">{t('user.role')}</th>
            <th scope="col">{t('staff.contact')}</th>
            <th scope="col">{t('staff.stores')}</th>
            <th scope="col">{t('staff.status')}</th>
            <th scope="col">{t('user.lastLogin')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((user) => (
            <tr key={user.id} aria-current={user.id === selectedId ? 'true' : undefined}>
              <td>
                <button
                  type="button"
                  className="link-button"
                  aria-pressed={user.id === selectedId}
                  onClick={() => onSelect(user.id)}
                >
                  {user.name}
                </button>
              </td>
              <td>{t(`role.${user.role}`)}</td>
              <td>{[user.email, user.phone].filter(Boolean).join(' · ') || '–'}</td>
              <td>
                <StoreNames user={user} me={me} />
              </td>
              <td>
                <span className={`badge ${user.isActive ? 'ok' : 'warning'}`}>
                  {user.isActive ? t('staff.active') : t('staff.inactive')}
                </span>
              </td>
              <td>
                {user.lastLoginAt ? formatDateTime(user.lastLoginAt, zone) : t('companies.never')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
