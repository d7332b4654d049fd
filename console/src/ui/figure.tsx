/** One headline number on a card: sales, requests, devices. */
export function Figure({
  label,
  value,
  testId,
}: {
  label: string;
  value: string | undefined;
  testId?: string;
}) {
  return (
    <div className="figure">
      <span className="figure-label">{label}</span>
      <span className="figure-value" data-testid={testId}>
        {value ?? '…'}
      </span>
    </div>
  );
}
