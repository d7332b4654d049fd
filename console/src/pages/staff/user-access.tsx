import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, data } from '../../api/client';
import { useMe } from '../../auth/me';
import { useTranslation } from '../../i18n/language';
import { TextField } from '../../ui/field';
import { ProblemMessage } from '../../ui/problem-message';
import { Refusal } from '../../ui/refusal';
import { type User, useApplyUser } from './staff-shared';

/** Whether a member may sign in (deactivate, reactivate) and a new password they are given. */
export function UserAccess({ user }: { user: User }) {
  return (
    <div className="form">
      <Activation user={user} />
      <ResetPasswordForm user={user} />
    </div>
  );
}

/** Deactivation ends every session at once (the API's answer); yourself you cannot. */
function Activation({ user }: { user: User }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const applyUser = useApplyUser();
  const path = { params: { path: { id: user.id } } };
  const change = useMutation({
    mutationFn: (active: boolean) =>
      data(
        active
          ? api.POST('/api/v1/users/{id}/reactivate', path)
          : api.POST('/api/v1/users/{id}/deactivate', path),
      ),
    onSuccess: async (updated) => {
      await applyUser(updated);
      await queryClient.invalidateQueries({ queryKey: ['sessions', user.id] });
    },
  });
  const self = me.data?.user.id === user.id;

  return (
    <div>
      {user.isActive ? (
        self ? (
          <p className="muted">{t('staff.selfDeactivate')}</p>
        ) : (
          <>
            <p className="muted">{t('staff.deactivateHint')}</p>
            <button
              type="button"
              className="danger"
              onClick={() => change.mutate(false)}
              disabled={change.isPending}
            >
              {t('staff.deactivate')}
            </button>
          </>
        )
      ) : (
        <>
          <p className="muted">{t('staff.reactivateHint')}</p>
          <button
            type="button"
            className="primary"
            onClick={() => change.mutate(true)}
            disabled={change.isPending}
          >
            {t('staff.reactivate')}
          </button>
        </>
      )}
      <ProblemMessage error={change.error} />
      {change.isSuccess ? (
        <p className="success" role="status">
          {change.data.isActive
            ? t('staff.reactivated', { name: change.data.name })
            : t('staff.deactivated', { name: change.data.name })}
        </p>
      ) : null}
    </div>
  );
}

/** The API answers 204 with nothing: the new password is the one typed here, to be handed over. */
function ResetPasswordForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const reset = useMutation({
    mutationFn: () =>
      data(
        api.POST('/api/v1/users/{id}/reset-password', {
          params: { path: { id: user.id } },
          body: { password },
        }),
      ),
    onSuccess: async () => {
      setPassword('');
      // The version moved on and every session ended.
      await queryClient.invalidateQueries({ queryKey: ['users', 'detail', user.id] });
      await queryClient.invalidateQueries({ queryKey: ['sessions', user.id] });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    reset.mutate();
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <h4>{t('staff.resetPassword')}</h4>
      <p className="muted">{t('staff.resetPasswordHint')}</p>
      <TextField
        scope="reset"
        label={t('staff.newPassword')}
        path="password"
        error={reset.error}
        type="password"
        hint={t('staff.passwordHint')}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        autoComplete="new-password"
        required
      />
      <Refusal error={reset.error} shown={['password']} />
      {reset.isSuccess ? (
        <p className="success" role="status">
          {t('staff.passwordReset', { name: user.name })}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={reset.isPending}>
          {t('staff.resetPassword')}
        </button>
      </div>
    </form>
  );
}
