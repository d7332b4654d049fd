/**
 * A positive whole number from a var of wrangler.toml (days, milliseconds), or `fallback` when
 * it is unset or not one: a mistyped var keeps the documented default instead of breaking a job.
 */
export function positiveInteger(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value !== undefined && Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/** The same for a positive number that may have decimals (a rate: 0.05). */
export function positiveNumber(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value !== undefined && Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}
