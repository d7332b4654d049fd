import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, data } from '../api/client';
import { useTranslation } from '../i18n/language';
import { TextField } from '../ui/field';
import { ProblemMessage } from '../ui/problem-message';

/**
 * Choosing one's own password. Shown instead of every page while the API says the password was
 * chosen by someone else (onboarding, a reset): until then it refuses everything else (403).
 */
export function ChangePasswordPage({ required }: { required: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: () =>
      data(api.POST('/api/v1/me/password', { body: { currentPassword, newPassword } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['me'] }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const differs = newPassword !== repeated;
    setMismatch(differs);
    if (!differs) change.mutate();
  }

  return (
    <section className="narrow-section" aria-labelledby="password-title">
      <h1 id="password-title">{t('password.title')}</h1>
      {required ? <p className="notice">{t('password.required')}</p> : null}
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          label={t('password.current')}
          path="currentPassword"
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.target.value)}
          error={change.error}
          required
        />
        <TextField
          label={t('password.new')}
          path="newPassword"
          type="password"
          autoComplete="new-password"
          hint={t('password.rule')}
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
          error={change.error}
          required
        />
        <TextField
          label={t('password.repeat')}
          path="repeatPassword"
          type="password"
          autoComplete="new-password"
          value={repeated}
          onChange={(event) => setRepeated(event.target.value)}
          required
        />
        {mismatch ? (
          <p className="field-error" role="alert">
            {t('password.mismatch')}
          </p>
        ) : null}
        <ProblemMessage error={change.error} />
        {change.isSuccess ? (
          <p className="success" role="status">
            {t('password.changed')}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={change.isPending}>
          {t('password.submit')}
        </button>
      </form>
    </section>
  );
}
