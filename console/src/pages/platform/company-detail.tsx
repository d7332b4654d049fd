import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createLazyRoute, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api, data } from '../../api/client';
import { formatCount, formatRupiah } from '../../format/money';
import { formatDateTime, zoneName } from '../../format/time';
import { useTranslation } from '../../i18n/language';
import { TextField } from '../../ui/field';
import { Figure } from '../../ui/figure';
import { ProblemMessage } from '../../ui/problem-message';
import { StorePicker } from '../../ui/store-picker';

export const Route = createLazyRoute('/app/platform/companies/$companyId')({
  component: CompanyDetailPage,
});

const operatorZone = 'Asia/Jakarta';

/** One company for an operator: its health, stores and users, and suspension with a reason. */
function CompanyDetailPage() {
  const { t } = useTranslation();
  const { companyId } = Route.useParams();
  const queryClient = useQueryClient();
  const path = { params: { path: { id: companyId } } };
  const company = useQuery({
    queryKey: ['platform', 'company', companyId],
    queryFn: () => data(api.GET('/api/v1/platform/companies/{id}', path)),
  });
  const stores = useQuery({
    queryKey: ['platform', 'company', companyId, 'stores'],
    queryFn: () => data(api.GET('/api/v1/platform/companies/{id}/stores', path)),
  });
  const users = useQuery({
    queryKey: ['platform', 'company', companyId, 'users'],
    queryFn: () => data(api.GET('/api/v1/platform/companies/{id}/users', path)),
  });
  const [reason, setReason] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['platform'] });
  const suspend = useMutation({
    mutationFn: () =>
      data(
        api.POST('/api/v1/platform/companies/{id}/suspend', {
          ...path,
          body: { reason: reason.trim() },
        }),
      ),
    onSuccess: () => {
      setReason('');
      return refresh();
    },
  });
  const reactivate = useMutation({
    mutationFn: () => data(api.POST('/api/v1/platform/companies/{id}/reactivate', path)),
    onSuccess: refresh,
  });

  const details = company.data;
  function submitSuspension(event: FormEvent) {
    event.preventDefault();
    suspend.mutate();
  }

  return (
    <section aria-labelledby="company-title">
      <p>
        <Link to="/platform/companies">← {t('companies.title')}</Link>
      </p>
      <ProblemMessage error={company.error} />
      <div className="page-head">
        <h1 id="company-title">{details?.name ?? '…'}</h1>
        {details ? (
          <span className={`badge ${details.status === 'active' ? 'ok' : 'warning'}`}>
            {details.status === 'active'
              ? t('companies.statusActive')
              : t('companies.statusSuspended')}
          </span>
        ) : null}
      </div>
      {details ? (
        <div className="cards">
          <Figure label={t('companies.stores')} value={formatCount(details.health.stores)} />
          <Figure
            label={t('companies.devices')}
            value={formatCount(details.health.activeDevices)}
          />
          <Figure
            label={t('companies.salesToday')}
            value={`${formatCount(details.health.salesToday)} · ${formatRupiah(details.health.salesTodayTotal)}`}
          />
          <Figure
            label={t('companies.failedBatches')}
            value={formatCount(details.health.failedBatches24h + details.health.stalledBatches24h)}
          />
        </div>
      ) : null}

      <div className="panels">
        <article className="panel">
          <h2>{t('company.details')}</h2>
          {details ? (
            <dl className="facts">
              <dt>{t('company.legalName')}</dt>
              <dd>{details.legalName ?? '–'}</dd>
              <dt>{t('company.npwp')}</dt>
              <dd>{details.npwp ?? '–'}</dd>
              <dt>{t('company.isPkp')}</dt>
              <dd>{details.isPkp ? t('common.yes') : t('common.no')}</dd>
              <dt>{t('company.plan')}</dt>
              <dd>{details.plan}</dd>
              <dt>{t('companies.lastSync')}</dt>
              <dd>
                {details.health.lastSyncAt
                  ? formatDateTime(details.health.lastSyncAt, operatorZone)
                  : t('companies.never')}
              </dd>
              {details.suspendedReason ? (
                <>
                  <dt>{t('company.suspendedReason')}</dt>
                  <dd>{details.suspendedReason}</dd>
                </>
              ) : null}
            </dl>
          ) : null}
        </article>

        <article className="panel">
          <h2>
            {details?.status === 'suspended' ? t('company.reactivate') : t('company.suspend')}
          </h2>
          {details?.status === 'suspended' ? (
            <>
              <p className="muted">{t('company.reactivateHint')}</p>
              <ProblemMessage error={reactivate.error} />
              <button
                type="button"
                className="primary"
                onClick={() => reactivate.mutate()}
                disabled={reactivate.isPending}
              >
                {t('company.reactivate')}
              </button>
            </>
          ) : (
            <form className="form" onSubmit={submitSuspension} noValidate>
              <p className="muted">{t('company.suspendHint')}</p>
              <TextField
                label={t('company.suspendReason')}
                path="reason"
                error={suspend.error}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                required
              />
              <ProblemMessage error={suspend.error} />
              <button type="submit" className="danger" disabled={suspend.isPending}>
                {t('company.suspend')}
              </button>
            </form>
          )}
        </article>
      </div>

      <article className="panel">
        <h2>{t('companies.stores')}</h2>
        <ProblemMessage error={stores.error} />
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('store.code')}</th>
                <th scope="col">{t('store.name')}</th>
                <th scope="col">{t('store.timezone')}</th>
                <th scope="col">{t('store.taxRegime')}</th>
              </tr>
            </thead>
            <tbody>
              {stores.data?.data.map((store) => (
                <tr key={store.id}>
                  <td>{store.code}</td>
                  <td>{store.name}</td>
                  <td>{zoneName(store.timezone)}</td>
                  <td>
                    {store.taxRegime.toUpperCase()}{' '}
                    {store.taxRegime === 'none' ? '' : `${store.taxRateBasisPoints / 100} %`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </article>

      {stores.data && stores.data.data.length > 0 ? (
        <StoreTills companyId={companyId} stores={stores.data.data} />
      ) : null}
      <OperatorActions companyId={companyId} />

      <article className="panel">
        <h2>{t('company.users')}</h2>
        <ProblemMessage error={users.error} />
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('owner.name')}</th>
                <th scope="col">{t('user.role')}</th>
                <th scope="col">{t('user.contact')}</th>
                <th scope="col">{t('user.lastLogin')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data?.data.map((user) => (
                <tr key={user.id}>
                  <td>
                    {user.name}{' '}
                    {user.isActive ? (
                      ''
                    ) : (
                      <span className="badge warning">{t('user.inactive')}</span>
                    )}
                  </td>
                  <td>{t(`role.${user.role}`)}</td>
                  <td>{user.email ?? user.phone ?? '–'}</td>
                  <td>
                    {user.lastLoginAt
                      ? formatDateTime(user.lastLoginAt, operatorZone)
                      : t('companies.never')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </article>
    </section>
  );
}

/** One store's tills as its owner sees them: last push and pull, stuck batches, recent failures. */
function StoreTills({
  companyId,
  stores,
}: {
  companyId: string;
  stores: Array<{ id: string; name: string; timezone: string }>;
}) {
  const { t } = useTranslation();
  const [storeChoice, setStoreChoice] = useState<string>();
  const store = stores.find((option) => option.id === storeChoice) ?? stores[0];
  const status = useQuery({
    queryKey: ['platform', 'company', companyId, 'sync', store?.id],
    queryFn: () =>
      data(
        api.GET('/api/v1/platform/companies/{id}/stores/{storeId}/sync-status', {
          params: { path: { id: companyId, storeId: store?.id ?? '' } },
        }),
      ),
    enabled: Boolean(store),
    refetchInterval: 30_000,
  });
  const zone = store?.timezone ?? operatorZone;
  return (
    <article className="panel">
      <div className="panel-head">
        <h2>{t('company.tills')}</h2>
        <StorePicker stores={stores} value={store?.id} onChange={setStoreChoice} />
      </div>
      <ProblemMessage error={status.error} />
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('company.device')}</th>
              <th scope="col">{t('company.lastPush')}</th>
              <th scope="col">{t('company.lastPull')}</th>
              <th scope="col" className="number">
                {t('company.rejected')}
              </th>
              <th scope="col" className="number">
                {t('company.stuck')}
              </th>
            </tr>
          </thead>
          <tbody>
            {status.data?.devices.map((device) => (
              <tr key={device.deviceSessionId}>
                <td>
                  {device.deviceName} · {device.userName}{' '}
                  {device.revoked ? (
                    <span className="badge warning">{t('company.revoked')}</span>
                  ) : null}
                </td>
                <td>
                  {device.lastPushAt
                    ? formatDateTime(device.lastPushAt, zone)
                    : t('companies.never')}
                </td>
                <td>
                  {device.lastPullAt
                    ? formatDateTime(device.lastPullAt, zone)
                    : t('companies.never')}
                </td>
                <td className="number">{formatCount(device.counts.rejected)}</td>
                <td className="number">
                  {device.stuckBatches > 0 ? (
                    <span className="badge danger">{formatCount(device.stuckBatches)}</span>
                  ) : (
                    '0'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {status.data?.devices.length === 0 ? <p className="muted">{t('today.noTills')}</p> : null}
      <h3>{t('company.syncFailures')}</h3>
      <ul className="incidents">
        {status.data?.recentFailures.map((failure) => (
          <li key={failure.id}>
            <span className="badge warning">{failure.kind}</span>{' '}
            {failure.message ?? failure.code ?? ''}
            <div className="muted">{formatDateTime(failure.at, zone)}</div>
          </li>
        ))}
      </ul>
      {status.data?.recentFailures.length === 0 ? (
        <p className="muted">{t('company.noSyncFailures')}</p>
      ) : null}
    </article>
  );
}

/** What our operators did in this company (onboarding, suspension, access resets), newest first. */
function OperatorActions({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const log = useQuery({
    queryKey: ['platform', 'company', companyId, 'audit'],
    queryFn: () =>
      data(
        api.GET('/api/v1/platform/companies/{id}/audit-logs', {
          params: { path: { id: companyId }, query: { limit: 20 } },
        }),
      ),
  });
  return (
    <article className="panel">
      <h2>{t('company.operatorActions')}</h2>
      <ProblemMessage error={log.error} />
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('company.when')}</th>
              <th scope="col">{t('company.operator')}</th>
              <th scope="col">{t('company.action')}</th>
            </tr>
          </thead>
          <tbody>
            {log.data?.data.map((row) => (
              <tr key={row.id}>
                <td>{formatDateTime(row.createdAt, operatorZone)}</td>
                <td>{row.actorName ?? '–'}</td>
                <td>
                  <code>{row.action}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {log.data?.data.length === 0 ? (
        <p className="muted">{t('company.noOperatorActions')}</p>
      ) : null}
    </article>
  );
}
