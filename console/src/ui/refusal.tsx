import { otherFieldErrors } from './field';
import { ProblemMessage } from './problem-message';

/**
 * A form's refusal below its fields: the API's `detail`, then the field messages of fields the
 * form does not show (those it shows appear beside them), so no reason is lost.
 */
export function Refusal({ error, shown }: { error: unknown; shown: readonly string[] }) {
  return (
    <>
      <ProblemMessage error={error} />
      {otherFieldErrors(error, [...shown]).map((message) => (
        <p key={message} className="field-error">
          {message}
        </p>
      ))}
    </>
  );
}
