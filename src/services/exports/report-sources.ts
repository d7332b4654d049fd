import type { Executor } from '../../db/client';
import { hoursReport, staffReport } from '../reports/breakdowns';
import { itemsReport, optionsReport } from '../reports/item-sales';
import { paymentsReport } from '../reports/payment-sales';
import type { ReportScope } from '../reports/report-scope';
import { salesSummary } from '../reports/sales-summary';
import { taxesReport } from '../reports/tax-sales';
import { voidsAndRefunds } from '../reports/voids-refunds';
import {
  type Cell,
  type Column,
  column,
  dateColumn as date,
  integerColumn as int,
  textColumn as text,
} from './columns';
import type { ExportSource } from './sources';

/**
 * The reports of GET /api/v1/reports/… as files: the same services, every row (no top N), in
 * columns a spreadsheet reads. Their sizes are bounded by the catalog, the staff and the range,
 * so each is read whole and written in one go.
 */

type Figures = object;

/** Columns that read a report row's field of the same name. */
interface FieldColumn extends Column {
  field: string;
}
const field = (name: string, col: Column): FieldColumn => ({ ...col, field: name });
const cellsOf = (row: Figures, columns: readonly FieldColumn[]): Cell[] =>
  columns.map((col) => {
    const value = (row as Record<string, unknown>)[col.field];
    return typeof value === 'number' || typeof value === 'string' ? value : null;
  });

const salesColumns = [
  field('salesCount', int('Jumlah transaksi', 'Sales count')),
  field('gross', int('Bruto', 'Gross')),
  field('discounts', int('Diskon', 'Discounts')),
  field('serviceCharge', int('Biaya layanan', 'Service charge')),
  field('tax', int('Pajak', 'Tax')),
  field('rounding', int('Pembulatan', 'Rounding')),
  field('salesTotal', int('Penjualan', 'Sales total')),
  field('changeGiven', int('Kembalian', 'Change given')),
  field('refundsCount', int('Jumlah refund', 'Refunds count')),
  field('refundsAmount', int('Refund', 'Refunds amount')),
  field('voidsCount', int('Jumlah void', 'Voids count')),
  field('voidsAmount', int('Void', 'Voids amount')),
  field('net', int('Neto', 'Net')),
  field('averageTicket', int('Rata-rata per transaksi', 'Average ticket')),
];

const undoneColumns = [
  field('refundsCount', int('Jumlah refund', 'Refunds count')),
  field('refundsAmount', int('Refund', 'Refunds amount')),
  field('voidsCount', int('Jumlah void', 'Voids count')),
  field('voidsAmount', int('Void', 'Voids amount')),
  field('net', int('Neto', 'Net')),
];

function fromRows(columns: FieldColumn[], read: () => Promise<Figures[]>): ExportSource {
  return {
    columns,
    produce: async (emit) => emit((await read()).map((row) => cellsOf(row, columns))),
  };
}

type Params = Record<string, unknown> & { from: string; to: string };

/** Every report's rows, whatever the number: far above any catalog or staff. */
const allRows = 1_000_000;

export function reportSource(
  type: string,
  db: Executor,
  scope: ReportScope,
  params: Params,
): ExportSource | undefined {
  const range = { from: params.from, to: params.to };
  switch (type) {
    case 'sales-summary':
      return fromRows(
        [field('period', date('Periode', 'Period')), ...salesColumns],
        async () =>
          (
            await salesSummary(db, scope, {
              ...range,
              groupBy: (params.groupBy as 'day' | 'week' | 'month' | undefined) ?? 'day',
            })
          ).periods,
      );
    case 'items':
      return fromRows(
        [
          field('name', text('Nama', 'Name')),
          field('variantName', text('Varian', 'Variant')),
          field('sku', text('SKU', 'SKU')),
          field('quantity', int('Terjual', 'Quantity sold')),
          field('gross', int('Bruto', 'Gross')),
          field('discounts', int('Diskon', 'Discounts')),
          field('net', int('Neto', 'Net')),
          field('cost', int('HPP', 'Cost')),
          field('grossProfit', int('Laba kotor', 'Gross profit')),
          field('uncostedQuantity', int('Terjual tanpa HPP', 'Sold without cost')),
          field('refundedQuantity', int('Direfund', 'Refunded quantity')),
          field('refundsAmount', int('Refund', 'Refunds amount')),
          field('voidedQuantity', int('Di-void', 'Voided quantity')),
          field('voidsAmount', int('Void', 'Voids amount')),
        ],
        async () =>
          (
            await itemsReport(db, scope, {
              ...range,
              by: (params.by as 'variant' | 'product' | 'category' | undefined) ?? 'variant',
              sort: (params.sort as 'quantity' | 'net' | undefined) ?? 'net',
              limit: allRows,
            })
          ).rows,
      );
    case 'options':
      return fromRows(
        [
          field('groupName', text('Grup', 'Group')),
          field('name', text('Opsi', 'Option')),
          field('quantity', int('Dipilih', 'Quantity')),
          field('gross', int('Tambahan harga', 'Added')),
        ],
        async () => (await optionsReport(db, scope, { ...range, limit: allRows })).rows,
      );
    case 'payments':
      return fromRows(
        [
          field('method', text('Metode', 'Method')),
          field('paymentsCount', int('Jumlah pembayaran', 'Payments count')),
          field('amount', int('Dibayar', 'Amount')),
          ...undoneColumns,
        ],
        async () => (await paymentsReport(db, scope, range)).methods,
      );
    case 'cashiers':
      return fromRows(
        [
          field('name', text('Nama', 'Name')),
          field('openedAt', column('datetime', 'Shift dibuka', 'Shift opened')),
          field('salesCount', int('Jumlah transaksi', 'Sales count')),
          field('gross', int('Bruto', 'Gross')),
          field('discounts', int('Diskon', 'Discounts')),
          field('salesTotal', int('Penjualan', 'Sales total')),
          ...undoneColumns,
          field('averageTicket', int('Rata-rata per transaksi', 'Average ticket')),
        ],
        async () =>
          (
            await staffReport(db, scope, {
              ...range,
              by: (params.by as 'cashier' | 'device' | 'shift' | undefined) ?? 'cashier',
            })
          ).rows,
      );
    case 'hours':
      return fromRows(
        [
          field('hour', text('Jam', 'Hour')),
          field('salesCount', column('decimal', 'Jumlah transaksi', 'Sales count')),
          field('salesTotal', int('Penjualan', 'Sales total')),
          field('refundsAmount', int('Refund', 'Refunds amount')),
          field('voidsAmount', int('Void', 'Voids amount')),
          field('net', int('Neto', 'Net')),
          field('averageTicket', int('Rata-rata per transaksi', 'Average ticket')),
        ],
        async () =>
          (
            await hoursReport(db, scope, {
              ...range,
              aggregate: (params.aggregate as 'sum' | 'average' | undefined) ?? 'sum',
            })
          ).hours,
      );
    case 'taxes':
      return fromRows(
        [
          field('businessDate', date('Tanggal bisnis', 'Business date')),
          field('taxRegime', text('Rezim pajak', 'Tax regime')),
          field('taxRateBasisPoints', int('Tarif (basis poin)', 'Rate (basis points)')),
          field('salesCount', int('Jumlah transaksi', 'Sales count')),
          field('taxBase', int('DPP', 'Tax base')),
          field('serviceCharge', int('Biaya layanan', 'Service charge')),
          field('tax', int('Pajak', 'Tax')),
          field('salesTotal', int('Penjualan', 'Sales total')),
          field('voidsCount', int('Jumlah void', 'Voids count')),
          field('voidsTaxBase', int('DPP void', 'Voided tax base')),
          field('voidsTax', int('Pajak void', 'Voided tax')),
          field('netTaxBase', int('DPP neto', 'Net tax base')),
          field('netTax', int('Pajak neto', 'Net tax')),
        ],
        async () => (await taxesReport(db, scope, range)).days,
      );
    case 'voids-refunds':
      return voidsRefundsSource(db, scope, range);
    default:
      return undefined;
  }
}

function voidsRefundsSource(
  db: Executor,
  scope: ReportScope,
  range: { from: string; to: string },
): ExportSource {
  const columns = [
    text('Jenis', 'Kind'),
    text('Nomor', 'Number'),
    date('Tanggal bisnis', 'Business date'),
    column('datetime', 'Waktu (UTC)', 'Time (UTC)'),
    int('Jumlah', 'Amount'),
    text('Alasan', 'Reason'),
    text('Oleh', 'By'),
    text('Disetujui oleh', 'Approved by'),
    text('Nomor penjualan', 'Sale number'),
    date('Tanggal penjualan', 'Sale date'),
    text('Kasir penjualan', 'Sale cashier'),
  ];
  return {
    columns,
    async produce(emit) {
      let cursor: string | undefined;
      do {
        const page = await voidsAndRefunds(db, scope, { ...range, limit: 1000, cursor });
        await emit(
          page.data.map((row) => [
            row.kind,
            row.number,
            row.businessDate,
            row.at,
            row.amount,
            row.reason,
            row.by?.name ?? null,
            row.approvedBy?.name ?? null,
            row.sale.number,
            row.sale.businessDate,
            row.sale.cashier?.name ?? null,
          ]),
        );
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    },
  };
}
