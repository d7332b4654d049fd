import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import { assertWorksInKnownStore, assertWorksInStore } from '../../auth/store-access';
import type { Db, Executor } from '../../db/client';
import { type ReceiptTemplate, receiptTemplates } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { conflictsOnUnique } from '../../db/unique-violation';
import type { Env } from '../../env';
import { ApiError } from '../../lib/errors';
import { assertCurrentVersion } from '../../lib/versioning';
import { recordAudit } from '../audit';
import { isLiveStore } from '../stores/live-stores';
import { checkTemplate, type TemplateField } from './render';
import { invalidateTemplates } from './template-cache';

/**
 * Receipt templates of a company: at most one live company default (storeId null) and one live
 * override per store. A template row holds the header and footer (Liquid snippets), what to
 * show, and optionally whole HTML and text bodies replacing the built-in ones. Every write checks the snippets by rendering them
 * with the sample sale, records its audit row in the same transaction and, once committed, retires
 * the company's cached templates.
 */

export interface ReceiptTemplateView {
  id: string;
  storeId: string | null;
  name: string;
  paperWidthMm: number;
  header: string;
  footer: string;
  showNpwp: boolean;
  showCashier: boolean;
  htmlTemplate: string | null;
  textTemplate: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export function toTemplateView(row: ReceiptTemplate): ReceiptTemplateView {
  return {
    id: row.id,
    storeId: row.storeId,
    name: row.name,
    paperWidthMm: row.paperWidthMm,
    header: row.header,
    footer: row.footer,
    showNpwp: row.showNpwp,
    showCashier: row.showCashier,
    htmlTemplate: row.htmlTemplate,
    textTemplate: row.textTemplate,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

type CacheEnv = Pick<Env, 'CACHE'>;

const templateNotFound = () =>
  new ApiError('NOT_FOUND', { detail: { key: 'receipts.templateNotFound' } });

const templateExists = (storeId: string | null) =>
  new ApiError('CONFLICT', {
    detail: { key: storeId ? 'receipts.storeTemplateExists' : 'receipts.companyTemplateExists' },
  });

/** 422 naming the field and the line of the first template that does not parse or render. */
export async function assertTemplates(
  fields: Partial<Record<TemplateField, string | undefined>>,
): Promise<void> {
  for (const [field, source] of Object.entries(fields) as Array<[TemplateField, string]>) {
    if (source === undefined) continue;
    const problem = await checkTemplate(field, source);
    if (problem) {
      throw new ApiError('UNPROCESSABLE', {
        detail: {
          key: 'receipts.templateInvalid',
          params: { field: problem.field, line: problem.line, reason: problem.reason },
        },
        extensions: { field: problem.field, line: problem.line },
      });
    }
  }
}

const unknownStore = (storeId: string) =>
  new ApiError('NOT_FOUND', { detail: { key: 'receipts.unknownStore', params: { storeId } } });

/** A live store of the company, else 404 (another company's store is simply not found). */
export async function assertStoreOfCompany(
  db: Executor,
  companyId: string,
  storeId: string,
): Promise<void> {
  if (!(await isLiveStore(db, companyId, storeId))) throw unknownStore(storeId);
}

async function findTemplate(db: Executor, companyId: string, id: string, forUpdate = false) {
  const query = db
    .select()
    .from(receiptTemplates)
    .where(
      inCompany(
        receiptTemplates,
        companyId,
        eq(receiptTemplates.id, id),
        isNull(receiptTemplates.deletedAt),
      ),
    );
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw templateNotFound();
  return row;
}

/** Company default first, then store overrides. */
export async function listTemplates(db: Db, companyId: string): Promise<ReceiptTemplateView[]> {
  const rows = await db
    .select()
    .from(receiptTemplates)
    .where(inCompany(receiptTemplates, companyId, isNull(receiptTemplates.deletedAt)))
    .orderBy(
      sql`${receiptTemplates.storeId} is not null`,
      asc(receiptTemplates.name),
      asc(receiptTemplates.id),
    );
  return rows.map(toTemplateView);
}

export async function getTemplate(
  db: Db,
  companyId: string,
  id: string,
): Promise<ReceiptTemplateView> {
  return toTemplateView(await findTemplate(db, companyId, id));
}

export interface CreateTemplateInput {
  name: string;
  storeId?: string | null;
  paperWidthMm?: number;
  header?: string;
  footer?: string;
  showNpwp?: boolean;
  showCashier?: boolean;
  htmlTemplate?: string | null;
  textTemplate?: string | null;
}

export async function createTemplate(
  db: Db,
  env: CacheEnv,
  actor: Actor,
  input: CreateTemplateInput,
): Promise<ReceiptTemplateView> {
  await assertTemplates({
    header: input.header,
    footer: input.footer,
    htmlTemplate: input.htmlTemplate ?? undefined,
    textTemplate: input.textTemplate ?? undefined,
  });
  const storeId = input.storeId ?? null;
  // A concurrent create for the same scope that slipped past the check meets the unique index.
  const created = await conflictsOnUnique(
    () =>
      db.transaction(async (tx) => {
        if (storeId) await assertWorksInStore(tx, actor, storeId, unknownStore);
        const [existing] = await tx
          .select({ id: receiptTemplates.id })
          .from(receiptTemplates)
          .where(
            inCompany(
              receiptTemplates,
              actor.companyId,
              storeId ? eq(receiptTemplates.storeId, storeId) : isNull(receiptTemplates.storeId),
              isNull(receiptTemplates.deletedAt),
            ),
          );
        if (existing) throw templateExists(storeId);
        const [row] = await tx
          .insert(receiptTemplates)
          .values({
            companyId: actor.companyId,
            storeId,
            name: input.name,
            paperWidthMm: input.paperWidthMm,
            header: input.header,
            footer: input.footer,
            showNpwp: input.showNpwp,
            showCashier: input.showCashier,
            htmlTemplate: input.htmlTemplate ?? null,
            textTemplate: input.textTemplate ?? null,
          })
          .returning();
        if (!row) throw new Error('insert returned no receipt template');
        await recordAudit(tx, actor, {
          action: 'receipt_template.create',
          entityType: 'receipt_template',
          entityId: row.id,
          after: toTemplateView(row),
        });
        return row;
      }),
    { receipt_templates_company_store_live_key: () => templateExists(storeId) },
  );
  await invalidateTemplates(env, actor.companyId);
  return toTemplateView(created);
}

export interface UpdateTemplateInput {
  version: number;
  name?: string;
  paperWidthMm?: number;
  header?: string;
  footer?: string;
  showNpwp?: boolean;
  showCashier?: boolean;
  htmlTemplate?: string | null;
  textTemplate?: string | null;
}

export async function updateTemplate(
  db: Db,
  env: CacheEnv,
  actor: Actor,
  id: string,
  input: UpdateTemplateInput,
): Promise<ReceiptTemplateView> {
  await assertTemplates({
    header: input.header,
    footer: input.footer,
    htmlTemplate: input.htmlTemplate ?? undefined,
    textTemplate: input.textTemplate ?? undefined,
  });
  const updated = await db.transaction(async (tx) => {
    const current = await findTemplate(tx, actor.companyId, id, true);
    if (current.storeId) assertWorksInKnownStore(actor, current.storeId);
    assertCurrentVersion(current, input.version, toTemplateView);
    const [row] = await tx
      .update(receiptTemplates)
      .set({
        name: input.name,
        paperWidthMm: input.paperWidthMm,
        header: input.header,
        footer: input.footer,
        showNpwp: input.showNpwp,
        showCashier: input.showCashier,
        htmlTemplate: input.htmlTemplate,
        textTemplate: input.textTemplate,
        version: sql`${receiptTemplates.version} + 1`,
      })
      .where(inCompany(receiptTemplates, actor.companyId, eq(receiptTemplates.id, current.id)))
      .returning();
    if (!row) throw templateNotFound();
    await recordAudit(tx, actor, {
      action: 'receipt_template.update',
      entityType: 'receipt_template',
      entityId: current.id,
      before: toTemplateView(current),
      after: toTemplateView(row),
    });
    return row;
  });
  await invalidateTemplates(env, actor.companyId);
  return toTemplateView(updated);
}

/** Soft delete; the store (or company) falls back to the next template in line. */
export async function deleteTemplate(
  db: Db,
  env: CacheEnv,
  actor: Actor,
  id: string,
  expected: number | undefined,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await findTemplate(tx, actor.companyId, id, true);
    if (current.storeId) assertWorksInKnownStore(actor, current.storeId);
    if (expected !== undefined) assertCurrentVersion(current, expected, toTemplateView);
    const [deleted] = await tx
      .update(receiptTemplates)
      .set({ deletedAt: now, version: sql`${receiptTemplates.version} + 1` })
      .where(
        inCompany(
          receiptTemplates,
          actor.companyId,
          and(eq(receiptTemplates.id, current.id), isNull(receiptTemplates.deletedAt)),
        ),
      )
      .returning();
    await recordAudit(tx, actor, {
      action: 'receipt_template.delete',
      entityType: 'receipt_template',
      entityId: current.id,
      before: toTemplateView(current),
      after: deleted ? { deletedAt: deleted.deletedAt, version: deleted.version } : undefined,
    });
  });
  await invalidateTemplates(env, actor.companyId);
}
