/**
 * Indonesian mobile numbers in E.164 (+628…): how users type them (0812…, 62812…, +62 812-…)
 * all become one stored form, so login and uniqueness see the same number.
 */
export function normalizeIndonesianPhone(input: string): string | undefined {
  const digits = input.replace(/[\s().-]/g, '');
  const match = /^(?:\+62|62|0)(8\d{7,11})$/.exec(digits);
  return match ? `+62${match[1]}` : undefined;
}
