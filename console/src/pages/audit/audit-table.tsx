import type { components } from '../../api/schema';
import { useMe } from '../../auth/me';
import { formatDateTime } from '../../format/time';
import { useTranslation } from '../../i18n/language';
import { auditLabels } from './audit-labels';

type AuditLog = components['schemas']['AuditLog'];

/** The first block of an id: enough to tell rows apart, short enough to read. */
function shortId(id: string): string {
  return id.slice(0, 8);
}

/** The actor as the log names them; the caller as "you"; scheduled work as the system. */
function useActorLabel(): (row: AuditLog) => string {
  const { t } = useTranslation();
  const me = useMe();
  return (row) => {
    if (!row.actorUserId) return t('audit.system');
    if (me.data && row.actorUserId === me.data.user.id) {
      return t('audit.you', { name: me.data.user.name });
    }
    return row.actorName ?? shortId(row.actorUserId);
  };
}

export function AuditTable({ rows, zone }: { rows: AuditLog[]; zone: string }) {
  const { t } = useTranslation();
  const labels = auditLabels(t);
  const actorLabel = useActorLabel();
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('audit.time')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.entity')}</th>
            <th scope="col">{t('audit.changes')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="audit-time">{formatDateTime(row.createdAt, zone)}</td>
              <td>{actorLabel(row)}</td>
              <td>
                {labels.action(row.action)}
                <br />
                <code className="muted">{row.action}</code>
              </td>
              <td>
                {labels.entity(row.entityType)}
                {row.entityId ? (
                  <>
                    <br />
                    <code className="muted" title={row.entityId}>
                      {shortId(row.entityId)}
                    </code>
                  </>
                ) : null}
              </td>
              <td className="wrap">
                <AuditChanges row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Before and after, as the API stored them (hashes, tokens and PINs never appear). */
function AuditChanges({ row }: { row: AuditLog }) {
  const { t } = useTranslation();
  return (
    <details className="audit-details">
      <summary>{t('audit.showChanges')}</summary>
      <dl className="audit-changes">
        <dt>{t('audit.before')}</dt>
        <dd>
          <Snapshot value={row.before} />
        </dd>
        <dt>{t('audit.after')}</dt>
        <dd>
          <Snapshot value={row.after} />
        </dd>
        {row.ipAddress ? (
          <>
            <dt>{t('audit.ipAddress')}</dt>
            <dd>{row.ipAddress}</dd>
          </>
        ) : null}
        {row.requestId ? (
          <>
            <dt>{t('audit.requestId')}</dt>
            <dd>
              <code>{row.requestId}</code>
            </dd>
          </>
        ) : null}
      </dl>
    </details>
  );
}

function Snapshot({ value }: { value: AuditLog['before'] }) {
  const { t } = useTranslation();
  if (!value) return <span className="muted">{t('audit.empty')}</span>;
  return <pre className="audit-json">{JSON.stringify(value, null, 2)}</pre>;
}
