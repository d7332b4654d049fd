import { queryOptions } from '@tanstack/react-query';
import { api, data } from '../../api/client';
import type { components } from '../../api/schema';

export type Sale = components['schemas']['Sale'];
export type SaleSummary = components['schemas']['SaleSummary'];
export type SaleLine = Sale['items'][number];

/** One sale with its lines, payments and refunds; its receipts sit under the same key. */
export function saleQuery(id: string) {
  return queryOptions({
    queryKey: ['sale', id],
    queryFn: () => data(api.GET('/api/v1/transactions/{id}', { params: { path: { id } } })),
  });
}

/** A line as the cashier rang it up: product, variant and the options of each unit. */
export function lineName(line: SaleLine): string {
  const variant = line.variantName ? ` (${line.variantName})` : '';
  const options = line.modifiers.map((modifier) => modifier.name).join(', ');
  return `${line.productName}${variant}${options ? ` + ${options}` : ''}`;
}

/** Basis points as a percentage: 1100 → "11 %". */
export function percent(basisPoints: number): string {
  return `${(basisPoints / 100).toLocaleString('id-ID')} %`;
}
