import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, data } from '../../api/client';
import type { components } from '../../api/schema';
import { useMe } from '../../auth/me';
import { formatDateTime } from '../../format/time';
import { useTranslation } from '../../i18n/language';
import { ProblemMessage } from '../../ui/problem-message';
import { staffZone, type User } from './staff-shared';

type DeviceSession = components['schemas']['DeviceSession'];

const endReasons = [
  'logout',
  'logout_all',
  'revoked',
  'refresh_token_reuse',
  'password_changed',
  'password_reset',
  'user_deactivated',
] as const;
type EndReason = (typeof endReasons)[number];

function isEndReason(reason: string | null): reason is EndReason {
  return (endReasons as readonly (string | null)[]).includes(reason);
}

/**
 * A member's device sessions, most recently seen first. Another user's sessions are asked with
 * scope=company and their userId (scope=mine, the default, would answer the caller's own).
 */
export function UserSessions({ user, mayRevoke }: { user: User; mayRevoke: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const zone = staffZone(me.data);
  const [includeEnded, setIncludeEnded] = useState(false);
  const sessions = useQuery({
    queryKey: ['sessions', user.id, includeEnded],
    queryFn: () =>
      data(
        api.GET('/api/v1/auth/sessions', {
          params: {
            query: {
              scope: 'company',
              userId: user.id,
              includeRevoked: includeEnded ? 'true' : 'false',
              limit: 50,
            },
          },
        }),
      ),
  });
  const revoke = useMutation({
    mutationFn: (session: DeviceSession) =>
      data(api.DELETE('/api/v1/auth/sessions/{id}', { params: { path: { id: session.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['sessions', user.id] }),
  });
  const rows = sessions.data?.data ?? [];

  function status(session: DeviceSession) {
    if (!session.revokedAt) {
      return (
        <span className="badge ok">
          {session.current ? t('staff.sessionCurrent') : t('staff.sessionLive')}
        </span>
      );
    }
    const reason = isEndReason(session.revokedReason)
      ? t(`staff.endReason.${session.revokedReason}`)
      : (session.revokedReason ?? '–');
    return (
      <span className="badge warning">
        {t('staff.sessionEnded', { reason })} · {formatDateTime(session.revokedAt, zone)}
      </span>
    );
  }

  return (
    <>
      <label className="inline">
        <input
          type="checkbox"
          checked={includeEnded}
          onChange={(event) => setIncludeEnded(event.target.checked)}
        />
        <span>{t('staff.includeEnded')}</span>
      </label>
      <ProblemMessage error={sessions.error} />
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('staff.device')}</th>
              <th scope="col">{t('staff.platform')}</th>
              <th scope="col">{t('staff.lastSeen')}</th>
              <th scope="col">{t('staff.sessionStarted')}</th>
              <th scope="col">{t('staff.ipAddress')}</th>
              <th scope="col">{t('staff.status')}</th>
              <th scope="col">{t('staff.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((session) => (
              <tr key={session.id}>
                <td className="wrap" title={session.userAgent ?? undefined}>
                  {session.deviceName}
                </td>
                <td>{session.platform}</td>
                <td>{formatDateTime(session.lastSeenAt, zone)}</td>
                <td>{formatDateTime(session.createdAt, zone)}</td>
                <td>{session.ipAddress ?? '–'}</td>
                <td>{status(session)}</td>
                <td>
                  {mayRevoke && !session.revokedAt && !session.current ? (
                    <button
                      type="button"
                      onClick={() => revoke.mutate(session)}
                      disabled={revoke.isPending}
                    >
                      {t('staff.revoke')}
                      <span className="visually-hidden"> {session.deviceName}</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sessions.isSuccess && rows.length === 0 ? (
        <p className="muted">{includeEnded ? t('staff.noSessionsAtAll') : t('staff.noSessions')}</p>
      ) : null}
      <ProblemMessage error={revoke.error} />
      {revoke.isSuccess ? (
        <p className="success" role="status">
          {t('staff.sessionRevoked', { device: revoke.variables.deviceName })}
        </p>
      ) : null}
    </>
  );
}
