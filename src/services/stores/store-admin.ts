import { asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import type { Db, Executor } from '../../db/client';
import {
  companies,
  deviceSessions,
  type Store,
  type StoreTimezone,
  shifts,
  stores,
  syncBatches,
  syncDevices,
  users,
} from '../../db/schema';
import { inCompany, sameCompanyRow } from '../../db/tenancy';
import { conflictsOnUnique } from '../../db/unique-violation';
import { ApiError, type FieldProblem } from '../../lib/errors';
import { assertCurrentVersion } from '../../lib/versioning';
import { recordAudit } from '../audit';
import {
  asHistoryEntry,
  entryInForce,
  type HistoryEntry,
  hasSalesSince,
  historyFromJson,
  loadSettingsHistory,
  pickDated,
  planSettingsChange,
  settingsHistoryOf,
  writeSettingsChange,
} from './dated-settings';
import { assertValidSettings, type DatedSettings, settingsProblems } from './settings-rules';

/**
 * Stores as their company runs them: every setting the sale engine uses, the dated ones through
 * their history (dated-settings.ts). A store's view shows the settings in force at the moment of
 * the request, read from that history (exact even before the cron has moved a scheduled change
 * onto the stores row), and the changes still to come.
 */

export interface StoreProfile {
  code: string;
  name: string;
  address: string;
  phone: string | null;
  timezone: StoreTimezone;
  allowNegativeStock: boolean;
  requireOpenShift: boolean;
  cashDifferenceThreshold: number | null;
  cashMovementLimit: number | null;
}

export type NewStoreInput = Partial<StoreProfile> &
  Pick<StoreProfile, 'code' | 'name'> &
  Partial<DatedSettings>;

export type SettingsEntryStatus = 'past' | 'in_force' | 'scheduled';

export interface SettingsEntryView {
  id: string;
  effectiveFrom: Date;
  status: SettingsEntryStatus;
  changed: string[];
  settings: DatedSettings;
  createdBy: string | null;
  createdAt: Date;
}

export type StoreView = StoreProfile &
  DatedSettings & {
    id: string;
    /** Whether sales were recorded: the code and time zone are fixed from then on. */
    hasSales: boolean;
    scheduledSettings: SettingsEntryView[];
    createdAt: Date;
    updatedAt: Date;
    version: number;
  };

export const storeNotFound = () =>
  new ApiError('NOT_FOUND', { detail: { key: 'stores.notFound' } });
/** The code is live in the company already; `path` names the field in the request. */
function codeTaken(path = 'code'): ApiError {
  return new ApiError('CONFLICT', {
    detail: { key: 'stores.codeTaken' },
    errors: [{ path, code: 'taken', message: { key: 'stores.codeTaken' } }],
  });
}

const storeCodeConflicts = { stores_company_code_live_key: () => codeTaken() };

/** A store row with its settings history and whether it has sales, in one statement. */
const storeColumns = {
  store: stores,
  history: settingsHistoryOf(),
  hasSales: sql<boolean>`exists(select 1 from transactions x
    where x.company_id = "stores"."company_id" and x.store_id = "stores"."id")`,
};

interface StoreRow {
  store: Store;
  history: HistoryEntry[];
  hasSales: boolean;
}

function entryView(entry: HistoryEntry, inForce: HistoryEntry | undefined, now: Date) {
  const status: SettingsEntryStatus =
    entry === inForce ? 'in_force' : entry.effectiveFrom > now ? 'scheduled' : 'past';
  return {
    id: entry.id,
    effectiveFrom: entry.effectiveFrom,
    status,
    changed: entry.changed,
    settings: pickDated(entry),
    createdBy: entry.createdBy,
    createdAt: entry.createdAt,
  };
}

function toView(
  store: Store,
  history: readonly HistoryEntry[],
  hasSales: boolean,
  now: Date,
): StoreView {
  const inForce = entryInForce(history, now);
  return {
    id: store.id,
    code: store.code,
    name: store.name,
    address: store.address,
    phone: store.phone,
    timezone: store.timezone,
    allowNegativeStock: store.allowNegativeStock,
    requireOpenShift: store.requireOpenShift,
    cashDifferenceThreshold: store.cashDifferenceThreshold,
    cashMovementLimit: store.cashMovementLimit,
    ...pickDated(inForce ?? store),
    hasSales,
    scheduledSettings: history
      // The first entry is in force from the store's creation and for any moment before it.
      .filter((entry, index) => index > 0 && entry.effectiveFrom > now)
      .map((entry) => entryView(entry, inForce, now)),
    createdAt: store.createdAt,
    updatedAt: store.updatedAt,
    version: store.version,
  };
}

/** A live store with its history; `forUpdate` locks the store row for a change. */
async function findStoreRow(
  db: Executor,
  companyId: string,
  storeId: string,
  forUpdate = false,
): Promise<StoreRow | undefined> {
  const query = db
    .select(storeColumns)
    .from(stores)
    .where(inCompany(stores, companyId, eq(stores.id, storeId), isNull(stores.deletedAt)));
  const [row] = forUpdate ? await query.for('update', { of: stores }) : await query;
  return row && { ...row, history: historyFromJson(row.history) };
}

const viewOf = (row: StoreRow, now: Date) => toView(row.store, row.history, row.hasSales, now);

/** Live stores of a company, by code: all of them, or those of `readable` (policy.ts). */
export async function listStores(
  db: Db,
  companyId: string,
  readable: 'all' | readonly string[],
  now: Date,
): Promise<StoreView[]> {
  if (readable !== 'all' && readable.length === 0) return [];
  const rows = await db
    .select(storeColumns)
    .from(stores)
    .where(
      inCompany(
        stores,
        companyId,
        isNull(stores.deletedAt),
        readable === 'all' ? undefined : inArray(stores.id, [...readable]),
      ),
    )
    .orderBy(asc(stores.code));
  return rows.map((row) => viewOf({ ...row, history: historyFromJson(row.history) }, now));
}

export async function getStore(
  db: Db,
  companyId: string,
  storeId: string,
  now: Date,
): Promise<StoreView> {
  const row = await findStoreRow(db, companyId, storeId);
  if (!row) throw storeNotFound();
  return viewOf(row, now);
}

/** The settings history of a store, newest first, with what is in force now. */
export async function storeSettingsHistory(
  db: Db,
  companyId: string,
  storeId: string,
  now: Date,
): Promise<SettingsEntryView[]> {
  const row = await findStoreRow(db, companyId, storeId);
  if (!row) throw storeNotFound();
  const inForce = entryInForce(row.history, now);
  return row.history.map((entry) => entryView(entry, inForce, now)).reverse();
}

/**
 * Whether the company is a PKP, share-locked until the transaction ends: a company that stops
 * being one (updateCompany locks it for update) waits for a store taking PPN, or the other way
 * round, so the two can never both land.
 */
async function companyTaxStatus(db: Executor, companyId: string) {
  const [company] = await db
    .select({ isPkp: companies.isPkp })
    .from(companies)
    .where(eq(companies.id, companyId))
    .for('share');
  if (!company) throw new Error('the company of a store is missing');
  return company;
}

/**
 * Inserts a store of the company, its first settings entry written by the database with it (the
 * `stores_first_settings_entry` trigger). Settings are checked first (`prefix` names the field
 * in the request, e.g. `stores.1.`); a code already live in the company is 409.
 */
export async function insertStore(
  tx: Executor,
  companyId: string,
  company: { isPkp: boolean },
  input: NewStoreInput,
  prefix = '',
): Promise<Store> {
  const settings: DatedSettings = {
    taxRegime: 'none',
    taxRateBasisPoints: 0,
    serviceChargeBasisPoints: 0,
    serviceChargeTaxable: true,
    pricesIncludeTax: false,
    cashRoundingStep: 0,
    nonCashRoundingStep: 0,
    businessDayCutoffHour: 0,
    discountLimitBasisPoints: 0,
    ...input,
  };
  assertValidSettings(settingsProblems(settings, company, prefix));
  const [store] = await conflictsOnUnique(
    () =>
      tx
        .insert(stores)
        .values({
          companyId,
          code: input.code,
          name: input.name,
          address: input.address ?? '',
          phone: input.phone ?? null,
          timezone: input.timezone ?? 'Asia/Jakarta',
          allowNegativeStock: input.allowNegativeStock ?? true,
          requireOpenShift: input.requireOpenShift ?? false,
          cashDifferenceThreshold: input.cashDifferenceThreshold ?? null,
          cashMovementLimit: input.cashMovementLimit ?? null,
          ...pickDated(settings),
        })
        .returning(),
    { stores_company_code_live_key: () => codeTaken(`${prefix}code`) },
  );
  if (!store) throw new Error('insert returned no store');
  return store;
}

/** A new store of the actor's company (settings.manage); owners work in it at once. */
export async function createStore(
  db: Db,
  actor: Actor,
  input: NewStoreInput,
  now: Date,
): Promise<StoreView> {
  return db.transaction(async (tx) => {
    const company = await companyTaxStatus(tx, actor.companyId);
    const store = await insertStore(tx, actor.companyId, company, input);
    await recordAudit(tx, actor, {
      action: 'store.create',
      entityType: 'store',
      entityId: store.id,
      after: store,
    });
    const history = (await loadSettingsHistory(tx, actor.companyId, store.id)).map(asHistoryEntry);
    return toView(store, history, false, now);
  });
}

export type StoreChange = Partial<StoreProfile> &
  Partial<DatedSettings> & {
    version: number;
    /** When the dated settings of the change take effect; now when absent. */
    effectiveFrom?: Date;
  };

/**
 * Changes a store: its profile at once; its dated settings from `effectiveFrom` (now, later, or
 * earlier when the store has no sale since). The store row is locked, so of two edits of the
 * same version one lands and the other is 409; a stale version is 409 with the current store.
 */
export async function updateStore(
  db: Db,
  actor: Actor,
  storeId: string,
  change: StoreChange,
  now: Date,
): Promise<StoreView> {
  return conflictsOnUnique(
    () =>
      db.transaction(async (tx) => {
        const row = await findStoreRow(tx, actor.companyId, storeId, true);
        if (!row) throw storeNotFound();
        const { store: current } = row;
        assertCurrentVersion(current, change.version, () => viewOf(row, now));

        const profile = checkedProfileChange(row, change);
        const datedChange = datedPart(change);
        if (change.effectiveFrom && Object.keys(datedChange).length === 0) {
          throw unprocessable('effectiveFrom', 'nothing_to_schedule', 'stores.nothingToSchedule');
        }
        let history = row.history;
        // Nothing was sold before the store existed: an earlier date means from its first entry.
        const effectiveFrom = latestOf(change.effectiveFrom ?? now, history[0]?.effectiveFrom);
        const plan = planSettingsChange(history, effectiveFrom, datedChange);
        if (plan) {
          if (
            effectiveFrom < now &&
            (await hasSalesSince(tx, actor.companyId, storeId, effectiveFrom))
          ) {
            throw unprocessable('effectiveFrom', 'sales_since', 'stores.salesSinceEffective');
          }
          const company = await companyTaxStatus(tx, actor.companyId);
          assertValidSettings(settingsProblems(plan.entry.settings, company));
          for (const later of plan.later) {
            const problems = settingsProblems(later.settings, company);
            if (problems.length > 0) throw conflictsWithScheduled(history, later.id, problems);
          }
          await writeSettingsChange(tx, actor.companyId, storeId, plan, {
            userId: actor.userId,
            now,
          });
          history = (await loadSettingsHistory(tx, actor.companyId, storeId)).map(asHistoryEntry);
        }
        const inForce = entryInForce(history, now);
        // The row always moves to a new version: a scheduled change reaches the tills with it.
        const [updated] = await tx
          .update(stores)
          .set({
            ...profile,
            ...(inForce && pickDated(inForce)),
            version: sql`${stores.version} + 1`,
          })
          .where(inCompany(stores, actor.companyId, eq(stores.id, storeId)))
          .returning();
        if (!updated) throw storeNotFound();
        await recordAudit(tx, actor, {
          action: 'store.update',
          entityType: 'store',
          entityId: storeId,
          before: current,
          after: {
            ...updated,
            ...(plan && {
              settingsChange: {
                effectiveFrom: effectiveFrom.toISOString(),
                changed: plan.entry.changed,
              },
            }),
          },
        });
        return toView(updated, history, row.hasSales, now);
      }),
    storeCodeConflicts,
  );
}

function datedPart(change: StoreChange): Partial<DatedSettings> {
  const { version: _v, effectiveFrom: _e, code, name, address, phone, timezone, ...rest } = change;
  const {
    allowNegativeStock: _a,
    requireOpenShift: _r,
    cashDifferenceThreshold: _t,
    cashMovementLimit: _l,
    ...dated
  } = rest;
  return dated;
}

function latestOf(date: Date, other: Date | undefined): Date {
  return other && other > date ? other : date;
}

/** The profile fields of a change, refused where the store's sales fix them (code, zone). */
function checkedProfileChange(
  { store, hasSales }: StoreRow,
  change: StoreChange,
): Partial<StoreProfile> {
  const profile: Partial<StoreProfile> = {
    code: change.code,
    name: change.name,
    address: change.address,
    phone: change.phone,
    timezone: change.timezone,
    allowNegativeStock: change.allowNegativeStock,
    requireOpenShift: change.requireOpenShift,
    cashDifferenceThreshold: change.cashDifferenceThreshold,
    cashMovementLimit: change.cashMovementLimit,
  };
  if (hasSales && change.code !== undefined && change.code !== store.code) {
    // Transaction numbers embed the code: {CODE}-{YYYYMMDD}-{NNNN}.
    throw unprocessable('code', 'fixed_by_sales', 'stores.codeFixedBySales');
  }
  if (hasSales && change.timezone !== undefined && change.timezone !== store.timezone) {
    // Business dates already given were read in the old zone.
    throw unprocessable('timezone', 'fixed_by_sales', 'stores.timezoneFixedBySales');
  }
  return profile;
}

function unprocessable(path: string, code: string, key: FieldProblem['message']['key']) {
  return new ApiError('UNPROCESSABLE', {
    detail: { key },
    errors: [{ path, code, message: { key } }],
  });
}

function conflictsWithScheduled(
  history: readonly HistoryEntry[],
  entryId: string,
  problems: FieldProblem[],
): ApiError {
  const at = history.find((entry) => entry.id === entryId)?.effectiveFrom.toISOString() ?? '';
  return new ApiError('UNPROCESSABLE', {
    detail: { key: 'stores.conflictsWithScheduled', params: { at } },
    errors: problems,
  });
}

/**
 * The devices that may still hold sales of the store: live sessions that pushed to or pulled from
 * it. A store is deleted only once every till has signed out (a till signs out after its outbox
 * is empty) and no upload is in progress; the refusal names them.
 */
async function storeBlockers(tx: Executor, companyId: string, storeId: string, now: Date) {
  const devices = await tx
    .select({
      sessionId: deviceSessions.id,
      deviceName: deviceSessions.deviceName,
      userId: deviceSessions.userId,
      userName: users.name,
      lastPushAt: syncDevices.lastPushAt,
      lastPullAt: syncDevices.lastPullAt,
    })
    .from(syncDevices)
    .innerJoin(
      deviceSessions,
      sameCompanyRow(deviceSessions, syncDevices.companyId, syncDevices.deviceSessionId),
    )
    .innerJoin(users, sameCompanyRow(users, deviceSessions.companyId, deviceSessions.userId))
    .where(
      inCompany(
        syncDevices,
        companyId,
        eq(syncDevices.storeId, storeId),
        isNull(deviceSessions.revokedAt),
        gt(deviceSessions.expiresAt, now),
      ),
    )
    .orderBy(asc(deviceSessions.deviceName));
  const [uploading] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(syncBatches)
    .where(
      inCompany(
        syncBatches,
        companyId,
        eq(syncBatches.storeId, storeId),
        eq(syncBatches.status, 'processing'),
      ),
    );
  const [open] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(shifts)
    .where(inCompany(shifts, companyId, eq(shifts.storeId, storeId), eq(shifts.status, 'open')));
  return { devices, uploadsInProgress: uploading?.count ?? 0, openShifts: open?.count ?? 0 };
}

/**
 * Soft-deletes a store (its sales, stock history and numbers stay; the code is free again). Refused
 * with 409 while devices may still hold its sales (naming them) or shifts are still open. Deleting
 * a deleted store again changes nothing (a retry).
 */
export async function deleteStore(
  db: Db,
  actor: Actor,
  storeId: string,
  expectedVersion: number | undefined,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(stores)
      .where(inCompany(stores, actor.companyId, eq(stores.id, storeId)))
      .for('update');
    if (!current) throw storeNotFound();
    if (current.deletedAt) return;
    if (expectedVersion !== undefined) assertCurrentVersion(current, expectedVersion);
    const blockers = await storeBlockers(tx, actor.companyId, storeId, now);
    if (blockers.devices.length > 0 || blockers.uploadsInProgress > 0 || blockers.openShifts > 0) {
      throw new ApiError('CONFLICT', {
        detail: {
          key: 'stores.inUse',
          params: {
            devices: blockers.devices.length,
            names: blockers.devices.map((device) => device.deviceName).join(', ') || '-',
            uploads: blockers.uploadsInProgress,
            shifts: blockers.openShifts,
          },
        },
        extensions: blockers,
      });
    }
    await tx
      .update(stores)
      .set({ deletedAt: now, version: sql`${stores.version} + 1` })
      .where(inCompany(stores, actor.companyId, eq(stores.id, storeId)));
    await recordAudit(tx, actor, {
      action: 'store.delete',
      entityType: 'store',
      entityId: storeId,
      before: current,
    });
  });
}
