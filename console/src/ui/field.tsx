import type {
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from 'react';
import { ProblemError } from '../api/problem';

/**
 * A labelled form control that shows the API's refusal for its own field (`errors[].path` of the
 * problem+json answer, e.g. `owner.email` or `stores.0.code`), announced to screen readers.
 */
interface FieldProps {
  label: string;
  /** The field's path in the request body, as the API names it in `errors[].path`. */
  path: string;
  error?: unknown;
  hint?: string;
  /** Tells apart two forms on one page that send the same field names. */
  scope?: string;
}

function fieldIds(path: string, scope?: string) {
  const id = `field-${scope ? `${scope}-` : ''}${path.replace(/[^\w-]/g, '-')}`;
  return { id, errorId: `${id}-error`, hintId: `${id}-hint` };
}

export function fieldError(error: unknown, path: string): string | undefined {
  return error instanceof ProblemError ? error.fieldMessage(path) : undefined;
}

function Described({
  label,
  path,
  error,
  hint,
  scope,
  children,
}: FieldProps & { children: (ids: ReturnType<typeof fieldIds>, message?: string) => ReactNode }) {
  const ids = fieldIds(path, scope);
  const message = fieldError(error, path);
  return (
    <div className="field">
      <label htmlFor={ids.id}>{label}</label>
      {children(ids, message)}
      {hint ? (
        <p id={ids.hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {message ? (
        <p id={ids.errorId} className="field-error" role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(ids: ReturnType<typeof fieldIds>, hint?: string, message?: string) {
  const parts = [hint ? ids.hintId : '', message ? ids.errorId : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

export function TextField({
  label,
  path,
  error,
  hint,
  scope,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Described label={label} path={path} error={error} hint={hint} scope={scope}>
      {(ids, message) => (
        <input
          id={ids.id}
          name={path}
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy(ids, hint, message)}
          {...input}
        />
      )}
    </Described>
  );
}

export function TextAreaField({
  label,
  path,
  error,
  hint,
  scope,
  ...textarea
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Described label={label} path={path} error={error} hint={hint} scope={scope}>
      {(ids, message) => (
        <textarea
          id={ids.id}
          name={path}
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy(ids, hint, message)}
          {...textarea}
        />
      )}
    </Described>
  );
}

export function SelectField({
  label,
  path,
  error,
  hint,
  scope,
  children,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Described label={label} path={path} error={error} hint={hint} scope={scope}>
      {(ids, message) => (
        <select
          id={ids.id}
          name={path}
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy(ids, hint, message)}
          {...select}
        >
          {children}
        </select>
      )}
    </Described>
  );
}

export function CheckboxField({
  label,
  path,
  error,
  scope,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const ids = fieldIds(path, scope);
  const message = fieldError(error, path);
  return (
    <div className="field checkbox">
      <input
        id={ids.id}
        name={path}
        type="checkbox"
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? ids.errorId : undefined}
        {...input}
      />
      <label htmlFor={ids.id}>{label}</label>
      {message ? (
        <p id={ids.errorId} className="field-error" role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** The refusal's messages for fields the form does not show (so none is lost). */
export function otherFieldErrors(error: unknown, shownPaths: string[]): string[] {
  if (!(error instanceof ProblemError)) return [];
  return (error.problem.errors ?? [])
    .filter((field) => !shownPaths.includes(field.path))
    .map((field) => `${field.path}: ${field.message}`);
}
