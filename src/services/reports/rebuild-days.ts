import { type SQL, sql } from 'drizzle-orm';

/**
 * The statements that rebuild a store's days, every rollup of them, from the transactions
 * (rollups.ts runs them under its rule). Whatever the number of days, a rebuild is two
 * statements: one clears the days' breakdown rows, one writes every rollup back with data-modifying
 * CTEs over one snapshot of the day's sales, refunds and voids.
 *
 * Which date and moment a figure belongs to: a sale by its business date and its moment
 * (created_at, the till's moment for an offline sale); a refund by its own; a void by the business
 * date and moment of the void. A void counts against the sale's cashier and device, in the drawer
 * that paid it back (void_shift_id).
 */

export interface StoreDays {
  companyId: string;
  storeId: string;
  businessDates: readonly string[];
}

const datesOf = (days: StoreDays) =>
  sql`array[${sql.join(
    days.businessDates.map((date) => sql`${date}`),
    sql`, `,
  )}]::date[]`;

/** Clears the days' breakdown rows (daily_store_sales keeps its one row a day: it is upserted). */
export function clearBreakdowns(days: StoreDays): SQL {
  const of = sql`company_id = ${days.companyId} and store_id = ${days.storeId}
    and business_date = any(${datesOf(days)})`;
  return sql`
    with items as (delete from daily_item_sales where ${of}),
      options as (delete from daily_option_sales where ${of}),
      breakdowns as (delete from daily_sales_breakdowns where ${of}),
      payments as (delete from daily_payment_sales where ${of})
    delete from daily_tax_sales where ${of}`;
}

export function rebuildDays(days: StoreDays): SQL {
  const { companyId, storeId } = days;
  const dates = datesOf(days);
  const ofStore = sql`t.company_id = ${companyId} and t.store_id = ${storeId}`;
  return sql`
    with days as (select unnest(${dates}) as business_date),
    sales as (select t.* from transactions t
      where ${ofStore} and t.kind = 'sale' and t.business_date = any(${dates})),
    refunds as (select t.* from transactions t
      where ${ofStore} and t.kind = 'refund' and t.business_date = any(${dates})),
    voids as (select t.*, t.void_business_date as day, coalesce(t.voided_at, t.updated_at) as moment
      from transactions t
      where ${ofStore} and t.status = 'voided' and t.void_business_date = any(${dates})),

    store_sales as (select business_date, count(*)::int as count, sum(subtotal) as gross,
        sum(discount_total) as discounts, sum(service_charge) as service_charge,
        sum(tax_total) as tax, sum(rounding) as rounding, sum(total) as total,
        sum(change_amount) as change_given
      from sales group by business_date),
    store_refunds as (select business_date, count(*)::int as count, sum(total) as amount
      from refunds group by business_date),
    store_voids as (select day as business_date, count(*)::int as count, sum(total) as amount
      from voids group by day),
    store_rows as (
      insert into daily_store_sales (company_id, store_id, business_date, sales_count, gross,
        discounts, service_charge, tax, rounding, sales_total, change_given, refunds_count,
        refunds_amount, voids_count, voids_amount, net, computed_at)
      select ${companyId}, ${storeId}, d.business_date, coalesce(s.count, 0),
        coalesce(s.gross, 0), coalesce(s.discounts, 0), coalesce(s.service_charge, 0),
        coalesce(s.tax, 0), coalesce(s.rounding, 0), coalesce(s.total, 0),
        coalesce(s.change_given, 0), coalesce(r.count, 0), coalesce(r.amount, 0),
        coalesce(v.count, 0), coalesce(v.amount, 0),
        coalesce(s.total, 0) - coalesce(r.amount, 0) - coalesce(v.amount, 0), now()
      from days d left join store_sales s using (business_date)
        left join store_refunds r using (business_date) left join store_voids v using (business_date)
      on conflict (company_id, store_id, business_date) do update set
        sales_count = excluded.sales_count, gross = excluded.gross,
        discounts = excluded.discounts, service_charge = excluded.service_charge,
        tax = excluded.tax, rounding = excluded.rounding, sales_total = excluded.sales_total,
        change_given = excluded.change_given, refunds_count = excluded.refunds_count,
        refunds_amount = excluded.refunds_amount, voids_count = excluded.voids_count,
        voids_amount = excluded.voids_amount, net = excluded.net,
        computed_at = excluded.computed_at, updated_at = now()),

    events as (
      select business_date, created_at as moment, cashier_id, device_session_id, shift_id,
        'sale' as kind, subtotal as gross, discount_total as discounts, total as amount from sales
      union all
      select business_date, created_at, cashier_id, device_session_id, shift_id, 'refund', 0, 0,
        total from refunds
      union all
      select day, moment, cashier_id, device_session_id, void_shift_id, 'void', 0, 0, total from voids),
    keyed as (
      select e.*, k.dimension, k.key from events e cross join lateral (values
        ('hour', to_char(e.moment at time zone (select s.timezone from stores s
          where s.company_id = ${companyId} and s.id = ${storeId}), 'HH24')),
        ('cashier', e.cashier_id::text),
        ('device', coalesce(e.device_session_id::text, 'none')),
        ('shift', coalesce(e.shift_id::text, 'none'))) as k(dimension, key)),
    breakdown_rows as (
      insert into daily_sales_breakdowns (company_id, store_id, business_date, dimension, key,
        sales_count, gross, discounts, sales_total, refunds_count, refunds_amount, voids_count,
        voids_amount, net)
      select ${companyId}, ${storeId}, business_date, dimension, key,
        count(*) filter (where kind = 'sale'), sum(gross), sum(discounts),
        coalesce(sum(amount) filter (where kind = 'sale'), 0),
        count(*) filter (where kind = 'refund'),
        coalesce(sum(amount) filter (where kind = 'refund'), 0),
        count(*) filter (where kind = 'void'),
        coalesce(sum(amount) filter (where kind = 'void'), 0),
        sum(case when kind = 'sale' then amount else -amount end)
      from keyed group by business_date, dimension, key),

    lines as (
      select t.business_date, i.variant_id, 'sale' as kind, i.quantity,
        i.quantity::bigint * (i.unit_price + i.modifier_unit_total) as gross,
        i.line_discount + i.order_discount_share as discounts,
        i.line_total - i.order_discount_share as net, i.unit_cost
      from sales t join transaction_items i on i.company_id = t.company_id
        and i.transaction_id = t.id
      union all
      select t.business_date, i.variant_id, 'refund', i.quantity, 0, 0, i.line_total, null
      from refunds t join transaction_items i on i.company_id = t.company_id
        and i.transaction_id = t.id
      union all
      select t.day, i.variant_id, 'void', i.quantity, 0, 0,
        i.line_total - i.order_discount_share, null
      from voids t join transaction_items i on i.company_id = t.company_id
        and i.transaction_id = t.id),
    item_rows as (
      insert into daily_item_sales (company_id, store_id, business_date, variant_id, quantity,
        gross, discounts, net, cost, uncosted_quantity, refunded_quantity, refunds_amount,
        voided_quantity, voids_amount)
      select ${companyId}, ${storeId}, business_date, variant_id,
        coalesce(sum(quantity) filter (where kind = 'sale'), 0), sum(gross), sum(discounts),
        coalesce(sum(net) filter (where kind = 'sale'), 0),
        coalesce(sum(quantity * unit_cost) filter (where kind = 'sale'), 0),
        coalesce(sum(quantity) filter (where kind = 'sale' and unit_cost is null), 0),
        coalesce(sum(quantity) filter (where kind = 'refund'), 0),
        coalesce(sum(net) filter (where kind = 'refund'), 0),
        coalesce(sum(quantity) filter (where kind = 'void'), 0),
        coalesce(sum(net) filter (where kind = 'void'), 0)
      from lines group by business_date, variant_id),

    option_rows as (
      insert into daily_option_sales (company_id, store_id, business_date, option_id, quantity,
        gross)
      select ${companyId}, ${storeId}, t.business_date, (m.option ->> 'optionId')::uuid,
        sum(i.quantity), sum(i.quantity::bigint * (m.option ->> 'priceDelta')::bigint)
      from sales t join transaction_items i on i.company_id = t.company_id
          and i.transaction_id = t.id
        cross join lateral jsonb_array_elements(i.modifiers) as m(option)
      group by t.business_date, (m.option ->> 'optionId')::uuid),

    tenders as (
      select t.business_date, p.method, 'sale' as kind, p.amount
      from sales t join payments p on p.company_id = t.company_id and p.transaction_id = t.id
      union all
      select t.business_date, p.method, 'refund', p.amount
      from refunds t join payments p on p.company_id = t.company_id and p.transaction_id = t.id
      union all
      select t.day, p.method, 'void', p.amount
      from voids t join payments p on p.company_id = t.company_id and p.transaction_id = t.id),
    payment_rows as (
      insert into daily_payment_sales (company_id, store_id, business_date, method,
        payments_count, amount, refunds_count, refunds_amount, voids_count, voids_amount, net)
      select ${companyId}, ${storeId}, business_date, method,
        count(*) filter (where kind = 'sale'),
        coalesce(sum(amount) filter (where kind = 'sale'), 0),
        count(*) filter (where kind = 'refund'),
        coalesce(sum(amount) filter (where kind = 'refund'), 0),
        count(*) filter (where kind = 'void'),
        coalesce(sum(amount) filter (where kind = 'void'), 0),
        sum(case when kind = 'sale' then amount else -amount end)
      from tenders group by business_date, method),

    taxed as (
      select business_date, tax_regime, tax_rate_basis_points, 'sale' as kind, tax_base,
        service_charge, tax_total, total from sales
      union all
      select day, tax_regime, tax_rate_basis_points, 'void', tax_base, service_charge, tax_total,
        total from voids),
    tax_rows as (
      insert into daily_tax_sales (company_id, store_id, business_date, tax_regime,
        tax_rate_basis_points, sales_count, tax_base, service_charge, tax, sales_total,
        voids_count, voids_tax_base, voids_service_charge, voids_tax, voids_total)
      select ${companyId}, ${storeId}, business_date, tax_regime,
        case when tax_regime = 'none' then 0 else tax_rate_basis_points end,
        count(*) filter (where kind = 'sale'),
        coalesce(sum(tax_base) filter (where kind = 'sale'), 0),
        coalesce(sum(service_charge) filter (where kind = 'sale'), 0),
        coalesce(sum(tax_total) filter (where kind = 'sale'), 0),
        coalesce(sum(total) filter (where kind = 'sale'), 0),
        count(*) filter (where kind = 'void'),
        coalesce(sum(tax_base) filter (where kind = 'void'), 0),
        coalesce(sum(service_charge) filter (where kind = 'void'), 0),
        coalesce(sum(tax_total) filter (where kind = 'void'), 0),
        coalesce(sum(total) filter (where kind = 'void'), 0)
      from taxed
      group by business_date, tax_regime,
        case when tax_regime = 'none' then 0 else tax_rate_basis_points end)
    select count(*)::int as days from days`;
}
