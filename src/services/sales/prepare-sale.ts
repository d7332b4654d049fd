import type { Authorization } from '../../auth/approval';
import type { Store } from '../../db/schema';
import { businessDate } from '../../lib/business-date';
import { ApiError } from '../../lib/errors';
import { entryInForce, pickDated, type SettingsEntry } from '../stores/dated-settings';
import type { DatedSettings } from '../stores/settings-rules';
import type { CreateSaleCommand, SaleItemInput, SaleShift } from './create-sale';
import { type LineModifiers, resolveLineModifiers } from './line-modifiers';
import { computeSaleAmounts } from './sale-amounts';
import type { SaleVariant } from './sale-lookups';

/**
 * A sale checked and priced in memory, ready to be written (write-sales.ts). Everything a sale
 * needs from the database was read before (sale-lookups.ts), so preparing a batch of 500 sales
 * costs no round trip; a sale that cannot be accepted throws its ApiError here and writes nothing.
 */
export interface PreparedSale {
  id: string;
  companyId: string;
  store: Store;
  /** The store's settings in force at the sale's moment, and the history entry they come from. */
  settings: DatedSettings & { entryId: string | null };
  businessDate: string;
  cashierId: string;
  deviceSessionId: string | null;
  requestId: string | null;
  ipAddress: string | null;
  requestHash: string;
  clientReference: string | null;
  /** What the till's clock said, for an offline sale. */
  clientCreatedAt: string | null;
  note: string | null;
  at: Date;
  lines: PreparedLine[];
  amounts: ReturnType<typeof computeSaleAmounts>;
  /** Flags known before writing; the write adds `negative_stock` when the shelf went below zero. */
  flags: string[];
  approvals: Authorization[];
  shift: SaleShift;
}

export interface PreparedLine {
  item: SaleItemInput;
  variant: SaleVariant;
  listPrice: number;
  unitPrice: number;
  /** The options chosen for the line and what they add to each unit (line-modifiers.ts). */
  modifiers: LineModifiers;
}

export interface SaleSources {
  store: (Store & { settingsHistory: readonly SettingsEntry[] }) | undefined;
  /** The menu of the store (sale-lookups.ts loadMenu), at least the sale's variants. */
  menu: ReadonlyMap<string, SaleVariant>;
  /** The catalog price at the sale's moment when it differs from today's (offline sales). */
  priceThen?: (variantId: string, at: Date) => number | null;
  /** An option's delta at the sale's moment when it differs from today's (offline sales). */
  modifierDeltaThen?: (optionId: string, at: Date) => number | null;
  /** The shift the sale is linked to (create-sale.ts: SaleShift). */
  shift: SaleShift;
}

const notFound = (key: 'sales.storeNotFound' | 'sales.variantNotFound', params = {}) =>
  new ApiError('NOT_FOUND', { detail: { key, params } });

/**
 * Checks and prices a sale. Every amount is computed here from the catalog and the store's
 * settings in force at the sale's moment (its dated settings history); the client's figures are only checked. An offline sale is priced as of its moment
 * (price history, falling back to today's price for a variant that had none then), and what the
 * till did without the server's checks is flagged rather than refused: the customer has paid.
 */
export function prepareSale(
  command: CreateSaleCommand,
  requestHash: string,
  sources: SaleSources,
): PreparedSale {
  const { input, offline } = command;
  const store = sources.store;
  if (!store || store.id !== input.storeId) {
    throw notFound('sales.storeNotFound', { storeId: input.storeId });
  }
  const at = new Date(command.at);
  // An offline sale is taxed, rounded and dated as the store was set up when it was made.
  const entry = entryInForce(store.settingsHistory, at);
  const settings = { ...pickDated(entry ?? store), entryId: entry?.id ?? null };
  const lines = input.items.map((item): PreparedLine => {
    const variant = sources.menu.get(item.variantId);
    if (!variant?.isActive) throw notFound('sales.variantNotFound', { variantId: item.variantId });
    const listPrice = (offline && sources.priceThen?.(item.variantId, at)) ?? variant.currentPrice;
    const modifiers = resolveLineModifiers(
      variant.productName,
      variant.modifierGroups,
      item.modifiers ?? [],
      Boolean(offline),
      (optionId) => (offline && sources.modifierDeltaThen?.(optionId, at)) ?? null,
    );
    return { item, variant, listPrice, unitPrice: item.unitPrice ?? listPrice, modifiers };
  });

  const amounts = computeSaleAmounts(settings, lines, input);
  const flags = [
    ...amounts.flags,
    ...(offline?.flags ?? []),
    ...new Set(lines.flatMap((line) => line.modifiers.flags)),
  ];
  const approvals = [...command.authorizations];
  if (offline && amounts.flags.includes('price_override')) {
    if (offline.priceAuthority) approvals.push(offline.priceAuthority);
    else flags.push('price_not_valid');
  }
  const discountLimit = Math.floor(
    (amounts.summary.subtotal * settings.discountLimitBasisPoints) / 10_000,
  );
  if (amounts.summary.discountTotal > discountLimit && !command.discountAllowed) {
    if (!offline) {
      throw new ApiError('FORBIDDEN', {
        detail: { key: 'auth.permissionMissing', params: { permission: 'discount.apply' } },
      });
    }
    if (offline.discountAuthority) approvals.push(offline.discountAuthority);
    else flags.push('discount_not_authorized');
  }
  if (approvals.some((approval) => approval.method === 'offline_approval')) {
    flags.push('approved_offline');
  }
  const { shift } = sources;
  if (store.requireOpenShift && !shift.shiftId && !shift.pendingShiftId) {
    // Online the till is told to open one; offline the sale was made, so it is flagged.
    if (!offline) throw new ApiError('UNPROCESSABLE', { detail: { key: 'shifts.required' } });
    flags.push('no_open_shift');
  }
  if (input.expectedTotal !== undefined && input.expectedTotal !== amounts.total) {
    throw new ApiError('UNPROCESSABLE', {
      detail: {
        key: 'sales.totalMismatch',
        params: { expected: input.expectedTotal, computed: amounts.total },
      },
      extensions: { computed: amounts.summary, difference: input.expectedTotal - amounts.total },
    });
  }

  return {
    id: input.id ?? crypto.randomUUID(),
    companyId: command.companyId,
    store,
    settings,
    businessDate: businessDate(at, store.timezone, settings.businessDayCutoffHour),
    cashierId: command.cashierId,
    deviceSessionId: command.deviceSessionId,
    requestId: command.requestId,
    ipAddress: command.ipAddress,
    requestHash,
    clientReference: input.clientReference ?? null,
    clientCreatedAt: offline?.clientCreatedAt ?? null,
    note: input.note ?? null,
    at,
    lines,
    amounts,
    flags,
    approvals,
    shift,
  };
}
