import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { ProblemError } from '../api/problem';
import { signIn } from '../auth/session';
import { useTranslation } from '../i18n/language';
import { LanguageSwitch } from '../ui/language-switch';
import { ProblemMessage } from '../ui/problem-message';

/** Sign in with an e-mail or a phone number; the API's refusals appear beside their field. */
export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search = useSearch({ from: '/login' });
  const queryClient = useQueryClient();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      await signIn({ login, password });
      queryClient.clear();
      await navigate({ to: search.redirect ?? '/' });
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  }

  const problem = error instanceof ProblemError ? error : undefined;
  const loginError = problem?.fieldMessage('email') ?? problem?.fieldMessage('phone');
  const passwordError = problem?.fieldMessage('password');
  const formError = error && !loginError && !passwordError ? error : null;

  return (
    <main className="sign-in">
      <form className="card" onSubmit={(event) => void submit(event)} noValidate>
        <h1>{t('signIn.title')}</h1>
        <p className="muted">{t('signIn.lead')}</p>
        <label htmlFor="login">{t('signIn.login')}</label>
        <input
          id="login"
          name="login"
          autoComplete="username"
          inputMode="email"
          value={login}
          onChange={(event) => setLogin(event.target.value)}
          aria-invalid={loginError ? true : undefined}
          aria-describedby={loginError ? 'login-error' : undefined}
          required
        />
        {loginError ? (
          <p id="login-error" className="field-error">
            {loginError}
          </p>
        ) : null}
        <label htmlFor="password">{t('signIn.password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={passwordError ? true : undefined}
          aria-describedby={passwordError ? 'password-error' : undefined}
          required
        />
        {passwordError ? (
          <p id="password-error" className="field-error">
            {passwordError}
          </p>
        ) : null}
        <ProblemMessage error={formError} />
        <button type="submit" className="primary" disabled={pending}>
          {pending ? t('signIn.pending') : t('signIn.submit')}
        </button>
      </form>
      <LanguageSwitch />
    </main>
  );
}
