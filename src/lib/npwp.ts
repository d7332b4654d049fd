/**
 * An NPWP as people read it. Stored as digits: the 15-digit form prints as 01.234.567.8-901.000;
 * the 16-digit form (NIK-based, since 2024) prints as its digits.
 */
export function formatNpwp(digits: string): string {
  const match = /^(\d{2})(\d{3})(\d{3})(\d)(\d{3})(\d{3})$/.exec(digits);
  return match ? `${match[1]}.${match[2]}.${match[3]}.${match[4]}-${match[5]}.${match[6]}` : digits;
}
