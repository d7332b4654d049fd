import { useInfiniteQuery } from '@tanstack/react-query';
import { createLazyRoute, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, data } from '../../api/client';
import { formatCount, formatRupiah } from '../../format/money';
import { formatDateTime } from '../../format/time';
import { useTranslation } from '../../i18n/language';
import { LoadMore } from '../../ui/load-more';
import { ProblemMessage } from '../../ui/problem-message';
import { useDebounced } from '../../ui/use-debounced';

export const Route = createLazyRoute('/app/platform/companies')({ component: CompaniesPage });

type StatusFilter = 'all' | 'active' | 'suspended';

/** Operators: every company with its health, searchable, a page at a time (the API's cursor). */
function CompaniesPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const term = useDebounced(search.trim());

  const companies = useInfiniteQuery({
    queryKey: ['platform', 'companies', term, status],
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/v1/platform/companies', {
          params: {
            query: {
              limit: 25,
              ...(term ? { search: term } : {}),
              ...(status === 'all' ? {} : { status }),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: 60_000,
  });
  const rows = companies.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <section aria-labelledby="companies-title">
      <div className="page-head">
        <h1 id="companies-title">{t('companies.title')}</h1>
        <Link to="/platform/companies/new" className="button primary">
          {t('onboarding.title')}
        </Link>
        <label className="inline">
          <span>{t('companies.search')}</span>
          <input
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder={t('companies.searchHint')}
          />
        </label>
        <label className="inline">
          <span>{t('companies.status')}</span>
          <select
            value={status}
            onChange={(event) => setStatus(event.target.value as StatusFilter)}
          >
            <option value="all">{t('companies.statusAll')}</option>
            <option value="active">{t('companies.statusActive')}</option>
            <option value="suspended">{t('companies.statusSuspended')}</option>
          </select>
        </label>
      </div>
      <ProblemMessage error={companies.error} />
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('companies.name')}</th>
              <th scope="col">{t('companies.plan')}</th>
              <th scope="col">{t('companies.status')}</th>
              <th scope="col" className="number">
                {t('companies.stores')}
              </th>
              <th scope="col" className="number">
                {t('companies.devices')}
              </th>
              <th scope="col" className="number">
                {t('companies.salesToday')}
              </th>
              <th scope="col">{t('companies.lastSync')}</th>
              <th scope="col" className="number">
                {t('companies.failedBatches')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((company) => (
              <tr key={company.id}>
                <td>
                  <Link to="/platform/companies/$companyId" params={{ companyId: company.id }}>
                    {company.name}
                  </Link>
                </td>
                <td>{company.plan}</td>
                <td>
                  <span className={`badge ${company.status === 'active' ? 'ok' : 'warning'}`}>
                    {company.status === 'active'
                      ? t('companies.statusActive')
                      : t('companies.statusSuspended')}
                  </span>
                </td>
                <td className="number">{formatCount(company.health.stores)}</td>
                <td className="number">{formatCount(company.health.activeDevices)}</td>
                <td className="number">
                  {formatCount(company.health.salesToday)} ·{' '}
                  {formatRupiah(company.health.salesTodayTotal)}
                </td>
                <td>
                  {company.health.lastSyncAt
                    ? formatDateTime(company.health.lastSyncAt, 'Asia/Jakarta')
                    : t('companies.never')}
                </td>
                <td className="number">
                  {company.health.failedBatches24h + company.health.stalledBatches24h > 0 ? (
                    <span className="badge warning">
                      {formatCount(
                        company.health.failedBatches24h + company.health.stalledBatches24h,
                      )}
                    </span>
                  ) : (
                    '0'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {companies.isSuccess && rows.length === 0 ? (
        <p className="muted">{t('companies.none')}</p>
      ) : null}
      <LoadMore list={companies} />
    </section>
  );
}
