import { asc, eq, gte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  type DatedStoreSetting,
  datedStoreSettings,
  type StoreSettingsRow,
  storeSettings,
  transactions,
} from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import type { DatedSettings } from './settings-rules';

/**
 * Effective-dated store settings. A store's settings are a history of entries (`store_settings`),
 * each the whole set in force from its `effectiveFrom` until the next entry's; the stores row
 * holds the entry in force now. A sale is priced and dated with the entry in force at its own
 * moment (an offline sale's `clientCreatedAt`), whenever it is uploaded, and records which one.
 *
 * A change names the settings it changes and when it takes effect (now, later, or earlier when no
 * sale of the store has been made since). Entries after it inherit what it changes, except the
 * settings they change themselves: "service 7 % from now" does not undo "PBJT 8 % from
 * 1 January", and that entry still brings its own rate.
 */
export interface SettingsEntry extends DatedSettings {
  id: string;
  effectiveFrom: Date;
  changed: DatedStoreSetting[];
}

export function pickDated(value: DatedSettings): DatedSettings {
  return Object.fromEntries(datedStoreSettings.map((name) => [name, value[name]])) as DatedSettings;
}

function sameSettings(a: DatedSettings, b: DatedSettings): boolean {
  return datedStoreSettings.every((name) => a[name] === b[name]);
}

/**
 * The entry in force at `at` in a history sorted by `effectiveFrom`: the last one to take effect
 * by then. Before the first entry (an offline sale stamped before the store was set up), the
 * first entry's settings apply.
 */
export function entryInForce<Entry extends { effectiveFrom: Date }>(
  history: readonly Entry[],
  at: Date,
): Entry | undefined {
  let found = history[0];
  for (const entry of history) {
    if (entry.effectiveFrom.getTime() > at.getTime()) break;
    found = entry;
  }
  return found;
}

export interface SettingsChangePlan {
  /** The entry to write at the change's moment: new, or the one already at that moment. */
  entry: {
    id?: string;
    effectiveFrom: Date;
    settings: DatedSettings;
    changed: DatedStoreSetting[];
  };
  /** Later entries whose inherited settings the change alters. */
  later: Array<{ id: string; settings: DatedSettings }>;
}

/**
 * What a change makes of a store's history (sorted by `effectiveFrom`), or undefined when it
 * changes nothing: settings equal to those in force at its moment are not a change.
 */
export function planSettingsChange(
  history: readonly SettingsEntry[],
  effectiveFrom: Date,
  change: Partial<DatedSettings>,
): SettingsChangePlan | undefined {
  const atSameMoment = history.find(
    (entry) => entry.effectiveFrom.getTime() === effectiveFrom.getTime(),
  );
  const base = atSameMoment ?? entryInForce(history, effectiveFrom);
  if (!base) throw new Error('a store has no settings history');
  const changedNow = datedStoreSettings.filter(
    (name) => change[name] !== undefined && change[name] !== base[name],
  );
  if (changedNow.length === 0) return undefined;
  const settings = { ...pickDated(base), ...pickDefined(change) };
  const changed = [...new Set([...(atSameMoment?.changed ?? []), ...changedNow])];

  const later: SettingsChangePlan['later'] = [];
  let previous = settings;
  for (const entry of history) {
    if (entry.effectiveFrom.getTime() <= effectiveFrom.getTime()) continue;
    const own = Object.fromEntries(entry.changed.map((name) => [name, entry[name]]));
    const next = { ...previous, ...own } as DatedSettings;
    if (!sameSettings(next, entry)) later.push({ id: entry.id, settings: next });
    previous = next;
  }
  return {
    entry: { ...(atSameMoment && { id: atSameMoment.id }), effectiveFrom, settings, changed },
    later,
  };
}

function pickDefined(change: Partial<DatedSettings>): Partial<DatedSettings> {
  return Object.fromEntries(
    datedStoreSettings.flatMap((name) =>
      change[name] === undefined ? [] : [[name, change[name]]],
    ),
  ) as Partial<DatedSettings>;
}

/** A store's settings history, oldest first; `forUpdate` locks it against a concurrent change. */
export async function loadSettingsHistory(
  db: Executor,
  companyId: string,
  storeId: string,
  forUpdate = false,
): Promise<StoreSettingsRow[]> {
  const query = db
    .select()
    .from(storeSettings)
    .where(inCompany(storeSettings, companyId, eq(storeSettings.storeId, storeId)))
    .orderBy(asc(storeSettings.effectiveFrom));
  return forUpdate ? query.for('update') : query;
}

/** As a history entry: the row's `changed` column holds only names of dated settings. */
export function asHistoryEntry(row: StoreSettingsRow): HistoryEntry {
  return { ...row, changed: row.changed as DatedStoreSetting[] };
}

/**
 * Whether the store has a sale made at or after `at` (its recorded moment): a change may take
 * effect in the past only when none has, so no recorded sale is priced differently from its
 * settings. The business-date bound lets the store's date index find them.
 */
export async function hasSalesSince(
  db: Executor,
  companyId: string,
  storeId: string,
  at: Date,
): Promise<boolean> {
  const [row] = await db
    .select({ id: transactions.id })
    .from(transactions)
    .where(
      inCompany(
        transactions,
        companyId,
        eq(transactions.storeId, storeId),
        gte(transactions.businessDate, sql`(${at}::timestamptz at time zone 'UTC')::date - 2`),
        gte(transactions.createdAt, at),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * Writes a planned change: its entry (applied at once when it is in force by `now`) and the later
 * entries it flows into. The caller updates the stores row in the same transaction.
 */
export async function writeSettingsChange(
  tx: Executor,
  companyId: string,
  storeId: string,
  plan: SettingsChangePlan,
  by: { userId: string | null; now: Date },
): Promise<StoreSettingsRow> {
  const { entry } = plan;
  const appliedAt = entry.effectiveFrom.getTime() <= by.now.getTime() ? by.now : null;
  const values = { ...entry.settings, changed: entry.changed, createdBy: by.userId };
  const [written] = entry.id
    ? await tx
        .update(storeSettings)
        .set({ ...values, appliedAt })
        .where(inCompany(storeSettings, companyId, eq(storeSettings.id, entry.id)))
        .returning()
    : await tx
        .insert(storeSettings)
        .values({ ...values, companyId, storeId, effectiveFrom: entry.effectiveFrom, appliedAt })
        .returning();
  if (!written) throw new Error('a settings entry was not written');
  for (const later of plan.later) {
    await tx
      .update(storeSettings)
      .set(later.settings)
      .where(inCompany(storeSettings, companyId, eq(storeSettings.id, later.id)));
  }
  return written;
}

/**
 * The cron's part, one statement however many stores: every store whose scheduled entry has come
 * into force takes its settings on the stores row (so the delta tells the tills and the console
 * shows them), and those entries are marked applied. Sales never wait for this: they read the
 * history themselves. Returns the stores updated.
 */
export async function applyDueSettings(db: Executor, now: Date): Promise<number> {
  const columns = datedStoreSettings.map((name) => sql.identifier(storeSettings[name].name));
  const assignments = sql.join(
    columns.map((column) => sql`${column} = f.${column}`),
    sql`, `,
  );
  const result = await db.execute(sql`
    with due as (
      update store_settings set applied_at = ${now}
      where applied_at is null and effective_from <= ${now}
      returning company_id, store_id
    ), in_force as (
      select distinct on (h.company_id, h.store_id) h.*
      from store_settings h
      join (select distinct company_id, store_id from due) d
        on d.company_id = h.company_id and d.store_id = h.store_id
      where h.effective_from <= ${now}
      order by h.company_id, h.store_id, h.effective_from desc
    )
    update stores s set ${assignments}, version = s.version + 1, updated_at = ${now}
    from in_force f
    where s.company_id = f.company_id and s.id = f.store_id`);
  return result.rowCount ?? 0;
}

/** A history entry as `settingsHistoryOf` selects it (JSON: times are strings). */
export interface HistoryEntryJson extends DatedSettings {
  id: string;
  effectiveFrom: string;
  changed: DatedStoreSetting[];
  appliedAt: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface HistoryEntry extends SettingsEntry {
  appliedAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
}

/**
 * The settings history of the store row selected by the outer query (`stores` unaliased), oldest
 * first, as a JSON column of that query: the store and its settings in one statement.
 */
export function settingsHistoryOf(): SQL<HistoryEntryJson[]> {
  return sql<HistoryEntryJson[]>`coalesce((
    select json_agg(json_build_object('id', h.id, 'effectiveFrom', h.effective_from,
      'changed', h.changed, 'appliedAt', h.applied_at, 'createdBy', h.created_by,
      'createdAt', h.created_at, ${datedSettingsJsonMembers()}) order by h.effective_from)
    from store_settings h
    where h.company_id = "stores"."company_id" and h.store_id = "stores"."id"), '[]'::json)`;
}

/** The dated settings of the `store_settings` row aliased `h`, as json_build_object members. */
export function datedSettingsJsonMembers(): SQL {
  return sql.join(
    datedStoreSettings.map(
      (name) => sql`${sql.raw(`'${name}'`)}, h.${sql.identifier(storeSettings[name].name)}`,
    ),
    sql`, `,
  );
}

export function historyFromJson(rows: readonly HistoryEntryJson[]): HistoryEntry[] {
  return rows.map((row) => ({
    ...row,
    effectiveFrom: new Date(row.effectiveFrom),
    appliedAt: row.appliedAt ? new Date(row.appliedAt) : null,
    createdAt: new Date(row.createdAt),
  }));
}
