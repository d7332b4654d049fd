import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { inReport, type ReportScope } from '../reports/report-scope';
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
 * Exports read from the transactions themselves, too many rows to hold at once (a month of fifty
 * stores is ~150 000 sales): one read-only, repeatable-read transaction (a consistent snapshot)
 * declares a cursor and fetches it a page at a time, each page written before the next is read.
 *
 *  - `transactions`: one row per sale or refund (`granularity: sale`, its lines and payments in
 *    one cell each), or one row per line (`line`), by store, business date and moment.
 *  - `pbjt-transactions`: the shape cities collect to monitor restaurant tax: per sale priced
 *    under PBJT, its receipt number, local date-time, tax base, service charge, PBJT, total, and
 *    whether it was voided.
 *  - `ppn-monthly`: for a PKP, per month and rate, the PPN sales' tax base and PPN, less voids.
 */

const pageSize = 2_000;
const moment = column('datetime', 'Tanggal-waktu', 'Date-time');

/** A moment in the store's zone with its offset (every store zone is WIB, WITA or WIT: east). */
const localMoment = (at: SQL) => sql`to_char(${at} at time zone st.timezone,
    'YYYY-MM-DD"T"HH24:MI:SS') || '+' || to_char((${at} at time zone st.timezone)
    - (${at} at time zone 'UTC'), 'HH24:MI')`;

interface Range {
  from: string;
  to: string;
}

async function streamRows(
  db: Db,
  query: SQL,
  emit: (rows: Record<string, unknown>[]) => Promise<void>,
): Promise<void> {
  await db.transaction(
    async (tx) => {
      await tx.execute(sql`declare export_rows no scroll cursor for ${query}`);
      for (;;) {
        const page = await tx.execute<Record<string, unknown>>(
          sql`fetch ${sql.raw(String(pageSize))} from export_rows`,
        );
        if (page.rows.length > 0) await emit(page.rows);
        if (page.rows.length < pageSize) break;
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** A source of columns, each read from the query's field of the same position. */
function streamed(db: Db, columns: Array<Column & { field: string }>, query: SQL): ExportSource {
  return {
    columns,
    produce: (emit) =>
      streamRows(db, query, (rows) =>
        emit(
          rows.map((row) =>
            columns.map((col): Cell => {
              const value = row[col.field];
              if (value === null || value === undefined) return null;
              return col.kind === 'integer' ? Number(value) : String(value);
            }),
          ),
        ),
      ),
  };
}

const as = (field: string, col: Column) => ({ ...col, field });

const saleColumns = [
  as('store', text('Toko', 'Store')),
  as('number', text('Nomor', 'Number')),
  as('kind', text('Jenis', 'Kind')),
  as('status', text('Status', 'Status')),
  as('business_date', date('Tanggal bisnis', 'Business date')),
  as('local_at', moment),
  as('cashier', text('Kasir', 'Cashier')),
];

const transactionsFrom = (scope: ReportScope, range: Range, withLines = false) => sql`
  from transactions t
    join stores st on st.company_id = t.company_id and st.id = t.store_id
    left join users u on u.company_id = t.company_id and u.id = t.cashier_id
    left join transactions o on o.company_id = t.company_id and o.id = t.refund_of_id
    ${withLines ? sql`join transaction_items i on i.company_id = t.company_id and i.transaction_id = t.id` : sql``}
  where ${inReport('t', scope, range)}`;

const saleFields = sql`st.code as store, t.number, t.kind, t.status,
  to_char(t.business_date, 'YYYY-MM-DD') as business_date, ${localMoment(sql`t.created_at`)}
  as local_at, u.name as cashier`;

function perSale(db: Db, scope: ReportScope, range: Range): ExportSource {
  return streamed(
    db,
    [
      ...saleColumns,
      as('items', text('Item', 'Items')),
      as('subtotal', int('Subtotal', 'Subtotal')),
      as('discount_total', int('Diskon', 'Discounts')),
      as('service_charge', int('Biaya layanan', 'Service charge')),
      as('tax_regime', text('Rezim pajak', 'Tax regime')),
      as('tax_base', int('DPP', 'Tax base')),
      as('tax_total', int('Pajak', 'Tax')),
      as('rounding', int('Pembulatan', 'Rounding')),
      as('total', int('Total', 'Total')),
      as('payments', text('Pembayaran', 'Payments')),
      as('change_amount', int('Kembalian', 'Change')),
      as('void_date', date('Tanggal void', 'Void date')),
      as('void_reason', text('Alasan void', 'Void reason')),
      as('refund_of', text('Refund dari', 'Refund of')),
    ],
    sql`select ${saleFields},
      (select string_agg(i.quantity || ' x ' || i.product_name
          || case when i.variant_name <> i.product_name then ' (' || i.variant_name || ')' else '' end,
          '; ' order by i.line_number)
        from transaction_items i where i.company_id = t.company_id and i.transaction_id = t.id)
        as items,
      t.subtotal, t.discount_total, t.service_charge, t.tax_regime, t.tax_base, t.tax_total,
      t.rounding, t.total,
      (select string_agg(p.method || ' ' || p.amount, '; ' order by p.created_at, p.id)
        from payments p where p.company_id = t.company_id and p.transaction_id = t.id)
        as payments,
      t.change_amount, to_char(t.void_business_date, 'YYYY-MM-DD') as void_date,
      t.void_reason, o.number as refund_of
    ${transactionsFrom(scope, range)}
    order by st.code, t.business_date, t.created_at, t.id`,
  );
}

function perLine(db: Db, scope: ReportScope, range: Range): ExportSource {
  return streamed(
    db,
    [
      ...saleColumns,
      as('line_number', int('Baris', 'Line')),
      as('product_name', text('Produk', 'Product')),
      as('variant_name', text('Varian', 'Variant')),
      as('sku', text('SKU', 'SKU')),
      as('quantity', int('Jumlah', 'Quantity')),
      as('unit_price', int('Harga satuan', 'Unit price')),
      as('options', text('Opsi', 'Options')),
      as('option_unit_total', int('Tambahan per unit', 'Options per unit')),
      as('line_discount', int('Diskon baris', 'Line discount')),
      as('order_discount_share', int('Bagian diskon order', 'Order discount share')),
      as('net', int('Neto', 'Net')),
      as('tax_amount', int('Pajak', 'Tax')),
      as('refund_of', text('Refund dari', 'Refund of')),
    ],
    sql`select ${saleFields}, i.line_number, i.product_name, i.variant_name, i.sku, i.quantity,
      i.unit_price,
      (select string_agg(m.option ->> 'name', '; ')
        from jsonb_array_elements(i.modifiers) as m(option)) as options,
      i.modifier_unit_total as option_unit_total, i.line_discount, i.order_discount_share,
      i.line_total - i.order_discount_share as net, i.tax_amount, o.number as refund_of
    ${transactionsFrom(scope, range, true)}
    order by st.code, t.business_date, t.created_at, t.id, i.line_number`,
  );
}

function pbjtTransactions(db: Db, scope: ReportScope, range: Range): ExportSource {
  return streamed(
    db,
    [
      as('store', text('Toko', 'Store')),
      as('number', text('Nomor struk', 'Receipt number')),
      as('local_at', moment),
      as('tax_base', int('DPP', 'Tax base')),
      as('service_charge', int('Biaya layanan', 'Service charge')),
      as('tax_total', int('PBJT', 'PBJT')),
      as('total', int('Total', 'Total')),
      as('status', text('Status', 'Status')),
    ],
    sql`select st.code as store, t.number, ${localMoment(sql`t.created_at`)} as local_at,
      t.tax_base, t.service_charge, t.tax_total, t.total,
      case when t.status = 'voided' then 'void' else 'ok' end as status
    from transactions t join stores st on st.company_id = t.company_id and st.id = t.store_id
    where ${inReport('t', scope, range)} and t.kind = 'sale' and t.tax_regime = 'pbjt'
    order by st.code, t.created_at, t.id`,
  );
}

function ppnMonthly(db: Db, scope: ReportScope, range: Range): ExportSource {
  return streamed(
    db,
    [
      as('month', text('Masa pajak', 'Tax period')),
      as('rate', int('Tarif (basis poin)', 'Rate (basis points)')),
      as('sales_count', int('Jumlah transaksi', 'Sales count')),
      as('tax_base', int('DPP', 'Tax base')),
      as('tax', int('PPN', 'PPN')),
      as('voids_tax_base', int('DPP void', 'Voided tax base')),
      as('voids_tax', int('PPN void', 'Voided PPN')),
      as('net_tax_base', int('DPP neto', 'Net tax base')),
      as('net_tax', int('PPN neto', 'Net PPN')),
    ],
    sql`select to_char(d.business_date, 'YYYY-MM') as month, d.tax_rate_basis_points as rate,
      sum(d.sales_count) as sales_count, sum(d.tax_base) as tax_base, sum(d.tax) as tax,
      sum(d.voids_tax_base) as voids_tax_base, sum(d.voids_tax) as voids_tax,
      sum(d.tax_base) - sum(d.voids_tax_base) as net_tax_base,
      sum(d.tax) - sum(d.voids_tax) as net_tax
    from daily_tax_sales d
    where ${inReport('d', scope, range)} and d.tax_regime = 'ppn'
    group by 1, 2 order by 1, 2`,
  );
}

export function transactionSource(
  type: string,
  db: Db,
  scope: ReportScope,
  params: Record<string, unknown> & Range,
): ExportSource | undefined {
  const range = { from: params.from, to: params.to };
  switch (type) {
    case 'transactions':
      return params.granularity === 'line' ? perLine(db, scope, range) : perSale(db, scope, range);
    case 'pbjt-transactions':
      return pbjtTransactions(db, scope, range);
    case 'ppn-monthly':
      return ppnMonthly(db, scope, range);
    default:
      return undefined;
  }
}
