/** Whole rupiah as the user reads them: `Rp 15.000` (DOMAIN.md), whatever the UI language. */
const rupiahFormat = new Intl.NumberFormat('id-ID', {
  style: 'currency',
  currency: 'IDR',
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
});

export function formatRupiah(amount: number): string {
  // Intl puts a no-break space after "Rp"; a plain space reads (and copies) the same.
  return rupiahFormat.format(amount).replace(/\u00a0/g, ' ');
}

const countFormat = new Intl.NumberFormat('id-ID');

export function formatCount(value: number): string {
  return countFormat.format(value);
}

/**
 * Rupiah as typed: "15.000", "15000" and "Rp 15.000" are fifteen thousand. Anything else is NaN,
 * which the API refuses on its field (so the message comes from one place, in the right language).
 */
export function parseRupiah(text: string): number {
  const digits = text
    .replace(/^\s*Rp\s*/i, '')
    .replace(/\./g, '')
    .trim();
  return /^-?\d+$/.test(digits) ? Number(digits) : Number.NaN;
}
