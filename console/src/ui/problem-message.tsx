import { ProblemError } from '../api/problem';
import { useTranslation } from '../i18n/language';

/** An API refusal (or a failed fetch) as a sentence, announced to screen readers. */
export function ProblemMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const text =
    error instanceof ProblemError
      ? (error.problem.detail ?? error.problem.title)
      : t('error.network');
  return (
    <p className="problem" role="alert">
      {text}
      {error instanceof ProblemError && error.problem.requestId ? (
        <span className="request-id"> ({error.problem.requestId})</span>
      ) : null}
    </p>
  );
}
