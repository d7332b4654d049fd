import { eq } from 'drizzle-orm';
import type { Authorization } from '../../auth/approval';
import type { Db } from '../../db/client';
import { type PaymentMethod, payments, transactionItems, transactions } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { businessDate, saleNumber } from '../../lib/business-date';
import { sha256Hex } from '../../lib/encoding';
import { ApiError } from '../../lib/errors';
import { type AuditAuthor, recordAudit } from '../audit';
import { pricesAt } from '../catalog/prices';
import { applyStockMovements, type LowStockCrossing } from '../stock';
import { nextSaleSequence } from './numbering';
import { computeSaleAmounts } from './sale-amounts';
import { databaseLookups, type ExistingSale, type SaleLookups } from './sale-lookups';
import { loadSale, type SaleView } from './sale-view';

export interface SaleItemInput {
  variantId: string;
  quantity: number;
  lineDiscount?: number;
  /** A price other than the catalog price; needs price.override or a manager's approval. */
  unitPrice?: number;
}

export interface PaymentInput {
  method: PaymentMethod;
  /** What a non-cash tender pays; cash pays what is left of the total. */
  amount?: number;
  /** Cash handed over by the customer. */
  tendered?: number;
  externalReference?: string;
}

export interface SaleInput {
  /** The client's own id for the sale: retries with the same id and body are answered once. */
  id?: string;
  storeId: string;
  items: SaleItemInput[];
  orderDiscount?: number;
  note?: string;
  clientReference?: string;
  payments: PaymentInput[];
  /** The total the till computed; refused with 422 when the server's differs. */
  expectedTotal?: number;
}

export interface CreateSaleCommand {
  companyId: string;
  cashierId: string;
  deviceSessionId: string | null;
  requestId: string | null;
  ipAddress: string | null;
  /** Who allowed price overrides and discounts, checked before the sale reached the store. */
  authorizations: Authorization[];
  /**
   * Set when the caller holds discount.apply or brought a valid approval; a discount above the
   * store's limit without it is refused here, where the gross subtotal is known.
   */
  discountAllowed: boolean;
  input: SaleInput;
  /** The moment of the sale (server time for online sales). */
  at: string;
  /** Set for a sale made offline and uploaded later (see src/services/sync/upload.ts). */
  offline?: OfflineSaleContext;
}

/**
 * How an offline sale differs: it is priced as of `at` (price history), and what the till did
 * without the server's checks is recorded and flagged rather than refused, because the customer
 * has already paid and left.
 */
export interface OfflineSaleContext {
  /** What the till's clock said, kept even when `at` had to be corrected. */
  clientCreatedAt: string;
  /** Who allowed a price other than the valid one, if the cashier or approver could. */
  priceAuthority?: Authorization;
  /** Who allowed a discount above the store's limit, if the cashier or approver could. */
  discountAuthority?: Authorization;
  /** Flags raised before pricing (clock skew, inactive cashier). */
  flags: string[];
}

/** What a recorded sale is known by, without loading the whole view. */
export interface RecordedSale {
  status: 'created' | 'duplicate';
  id: string;
  number: string;
  total: number;
  flags: string[];
  lowStock: LowStockCrossing[];
}

export interface CreateSaleOutcome {
  status: 'created' | 'duplicate';
  sale: SaleView;
  lowStock: LowStockCrossing[];
}

/** The body's fingerprint: same id and same body is a retry, same id and another body a conflict. */
export function saleRequestHash(input: SaleInput): Promise<string> {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([, item]) => item !== undefined)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, item]) => [key, canonical(item)]),
      );
    }
    return value;
  };
  return sha256Hex(JSON.stringify(canonical(input)));
}

const notFound = (key: 'sales.storeNotFound' | 'sales.variantNotFound', params = {}) =>
  new ApiError('NOT_FOUND', { detail: { key, params } });

/**
 * Records a sale: one database transaction with the number, the sale, its items, payments,
 * stock movements and the audit row, in a fixed number of statements whatever the number of
 * items. Runs inside the store's Durable Object (one sale of a store at a time). Every amount is
 * computed here from the catalog and the store's settings; the client's figures are only checked.
 */
export async function createSale(db: Db, command: CreateSaleCommand): Promise<CreateSaleOutcome> {
  const recorded = await recordSale(db, command);
  const sale = await loadSale(db, command.companyId, recorded.id);
  if (!sale) throw new Error('sale vanished after commit');
  return { status: recorded.status, sale, lowStock: recorded.lowStock };
}

/**
 * createSale without loading the view afterwards: what a sync batch needs per sale. `lookups`
 * is where the sale's store, menu and earlier copies are read (the batch loads them once).
 */
export async function recordSale(
  db: Db,
  command: CreateSaleCommand,
  lookups: SaleLookups = databaseLookups(db, command.companyId),
): Promise<RecordedSale> {
  const { companyId, input, offline } = command;
  const requestHash = await saleRequestHash(input);

  if (input.id) {
    const existing = await lookups.existingSale(input.id);
    if (existing) return duplicateOf(input.id, existing, requestHash);
  }

  const store = await lookups.store(input.storeId);
  if (!store) throw notFound('sales.storeNotFound', { storeId: input.storeId });

  const variantIds = [...new Set(input.items.map((item) => item.variantId))];
  const variantById = await lookups.variants(variantIds);
  const missing = variantIds.find((id) => !variantById.get(id)?.isActive);
  if (missing) throw notFound('sales.variantNotFound', { variantId: missing });

  const at = new Date(command.at);
  const listPrices = await listPricesFor(db, lookups, command, variantIds, at);
  const date = businessDate(at, store.timezone, store.businessDayCutoffHour);
  const lines = input.items.map((item) => {
    const variant = variantById.get(item.variantId);
    const listPrice = listPrices.get(item.variantId);
    if (!variant || listPrice === undefined)
      throw notFound('sales.variantNotFound', { variantId: item.variantId });
    return { item, variant, listPrice, unitPrice: item.unitPrice ?? listPrice };
  });
  const amounts = computeSaleAmounts(store, lines, input);
  const flags = [...amounts.flags, ...(offline?.flags ?? [])];
  const approvals = [...command.authorizations];
  if (offline && amounts.flags.includes('price_override')) {
    if (offline.priceAuthority) approvals.push(offline.priceAuthority);
    else flags.push('price_not_valid');
  }
  const discountLimit = Math.floor(
    (amounts.summary.subtotal * store.discountLimitBasisPoints) / 10_000,
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
  if (input.expectedTotal !== undefined && input.expectedTotal !== amounts.total) {
    throw new ApiError('UNPROCESSABLE', {
      detail: {
        key: 'sales.totalMismatch',
        params: { expected: input.expectedTotal, computed: amounts.total },
      },
      extensions: { computed: amounts.summary, difference: input.expectedTotal - amounts.total },
    });
  }

  const actor: AuditAuthor = {
    companyId,
    userId: command.cashierId,
    sessionId: command.deviceSessionId,
    requestId: command.requestId,
    ipAddress: command.ipAddress,
  };
  const transactionId = input.id ?? crypto.randomUUID();
  const recorded = await db.transaction(async (tx) => {
    const sequence = await nextSaleSequence(tx, companyId, input.storeId, date);
    const number = saleNumber(store.code, date, sequence);
    await tx.insert(transactions).values({
      id: transactionId,
      companyId,
      storeId: input.storeId,
      number,
      businessDate: date,
      cashierId: command.cashierId,
      deviceSessionId: command.deviceSessionId,
      clientReference: input.clientReference ?? null,
      clientCreatedAt: offline ? new Date(offline.clientCreatedAt) : null,
      requestHash,
      taxRegime: store.taxRegime,
      taxRateBasisPoints: store.taxRateBasisPoints,
      serviceChargeBasisPoints: store.serviceChargeBasisPoints,
      pricesIncludeTax: store.pricesIncludeTax,
      ...amounts.summary,
      note: input.note ?? null,
      flags,
      approvals: approvals.map((authorization) => ({ ...authorization })),
      createdAt: at,
    });
    await tx.insert(transactionItems).values(
      lines.map((line, index) => ({
        companyId,
        transactionId,
        lineNumber: index + 1,
        variantId: line.variant.id,
        productName: line.variant.productName,
        variantName: line.variant.name,
        sku: line.variant.sku,
        quantity: line.item.quantity,
        unitPrice: line.unitPrice,
        listUnitPrice: line.unitPrice === line.listPrice ? null : line.listPrice,
        lineDiscount: amounts.lines[index]?.lineDiscount ?? 0,
        lineTotal: amounts.lines[index]?.lineTotal ?? 0,
        taxAmount: amounts.lines[index]?.taxAmount ?? 0,
        isTaxable: line.variant.isTaxable,
      })),
    );
    await tx
      .insert(payments)
      .values(amounts.payments.map((payment) => ({ companyId, transactionId, ...payment })));
    const stock = await applyStockMovements(
      tx,
      companyId,
      lines
        .filter((line) => line.variant.tracksStock)
        .map((line) => ({
          storeId: input.storeId,
          variantId: line.variant.id,
          kind: 'sale' as const,
          quantityDelta: -line.item.quantity,
          referenceType: 'transaction',
          referenceId: transactionId,
          actorUserId: command.cashierId,
        })),
    );
    // Offline tills sell what the shelf holds whatever the count says, so going below zero is
    // allowed by default; the sale is flagged so a manager can recount.
    if (stock.levels.some((level) => level.quantity < 0)) {
      flags.push('negative_stock');
      await tx
        .update(transactions)
        .set({ flags })
        .where(inCompany(transactions, companyId, eq(transactions.id, transactionId)));
    }
    await recordAudit(tx, actor, {
      action: offline ? 'transaction.sync' : 'transaction.create',
      entityType: 'transaction',
      entityId: transactionId,
      after: {
        number,
        total: amounts.summary.total,
        items: lines.length,
        approvals,
        ...(offline && { clientCreatedAt: offline.clientCreatedAt, flags }),
      },
    });
    return { number, lowStock: stock.lowStock };
  });

  lookups.recorded(transactionId, {
    requestHash,
    number: recorded.number,
    total: amounts.total,
    flags,
  });
  return {
    status: 'created',
    id: transactionId,
    number: recorded.number,
    total: amounts.total,
    flags,
    lowStock: recorded.lowStock,
  };
}

/**
 * The catalog price of each variant: now for an online sale; for an offline one, the price that
 * was valid in the store when it was sold (price history), falling back to today's for a variant
 * that had no price then.
 */
async function listPricesFor(
  db: Db,
  lookups: SaleLookups,
  command: CreateSaleCommand,
  variantIds: string[],
  at: Date,
): Promise<Map<string, number>> {
  const { companyId, input } = command;
  const current = await lookups.currentPrices(input.storeId, variantIds);
  if (!command.offline) return current;
  const then = await pricesAt(db, companyId, input.storeId, variantIds, at);
  return new Map([...current, ...then]);
}

/** A sale with this id exists: the same body is a retry, another body a reused id. */
function duplicateOf(id: string, existing: ExistingSale, requestHash: string): RecordedSale {
  if (existing.requestHash !== requestHash) {
    throw new ApiError('CONFLICT', { detail: { key: 'sales.idReused' } });
  }
  return {
    status: 'duplicate',
    id,
    number: existing.number,
    total: existing.total,
    flags: existing.flags,
    lowStock: [],
  };
}
