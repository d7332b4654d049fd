import { useInfiniteQuery } from '@tanstack/react-query';
import { createLazyRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { api, data } from '../../api/client';
import { useMe } from '../../auth/me';
import { zoneName } from '../../format/time';
import { useTranslation } from '../../i18n/language';
import { SelectField, TextField } from '../../ui/field';
import { LoadMore } from '../../ui/load-more';
import { ProblemMessage } from '../../ui/problem-message';
import { auditLabels, dayEnd, dayStart } from './audit-labels';
import { AuditTable } from './audit-table';

export const Route = createLazyRoute('/app/audit')({ component: AuditPage });

/** Holders of audit.view: who changed what and when, newest first, a page at a time. */
function AuditPage() {
  const { t } = useTranslation();
  const me = useMe();
  const zone = me.data?.stores[0]?.timezone ?? 'Asia/Jakarta';
  const [action, setAction] = useState('');
  const [entityType, setEntityType] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const labels = auditLabels(t);

  const logs = useInfiniteQuery({
    queryKey: ['audit-logs', action, entityType, from, to, zone],
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/v1/audit-logs', {
          params: {
            query: {
              limit: 50,
              ...(action ? { action } : {}),
              ...(entityType ? { entityType } : {}),
              // Whole days in the store's zone: from its midnight to the end of the last day.
              ...(from ? { from: dayStart(from, zone) } : {}),
              ...(to ? { to: dayEnd(to, zone) } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows = logs.data?.pages.flatMap((page) => page.data) ?? [];

  function clear() {
    setAction('');
    setEntityType('');
    setFrom('');
    setTo('');
  }

  return (
    <section aria-labelledby="audit-title">
      <div className="page-head">
        <h1 id="audit-title">{t('audit.title')}</h1>
      </div>
      <div className="filters audit-filters">
        <SelectField
          scope="audit"
          label={t('audit.action')}
          path="action"
          error={logs.error}
          value={action}
          onChange={(event) => setAction(event.target.value)}
        >
          <option value="">{t('audit.allActions')}</option>
          {labels.actions.map((option) => (
            <option key={option.code} value={option.code}>
              {option.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          scope="audit"
          label={t('audit.entityType')}
          path="entityType"
          error={logs.error}
          value={entityType}
          onChange={(event) => setEntityType(event.target.value)}
        >
          <option value="">{t('audit.allEntities')}</option>
          {labels.entities.map((option) => (
            <option key={option.code} value={option.code}>
              {option.label}
            </option>
          ))}
        </SelectField>
        <TextField
          scope="audit"
          label={t('audit.from')}
          path="from"
          type="date"
          error={logs.error}
          value={from}
          onChange={(event) => setFrom(event.target.value)}
        />
        <TextField
          scope="audit"
          label={t('audit.to')}
          path="to"
          type="date"
          error={logs.error}
          value={to}
          onChange={(event) => setTo(event.target.value)}
        />
        <div className="actions">
          <button type="button" onClick={clear}>
            {t('audit.clear')}
          </button>
        </div>
      </div>
      <p className="muted">{t('audit.zoneHint', { zone: zoneName(zone) })}</p>
      <ProblemMessage error={logs.error} />
      <AuditTable rows={rows} zone={zone} />
      {logs.isSuccess && rows.length === 0 ? <p className="muted">{t('audit.none')}</p> : null}
      <LoadMore list={logs} />
    </section>
  );
}
