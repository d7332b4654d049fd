import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { type ReceiptTemplate, receiptTemplates } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import type { Env } from '../../env';
import { defaultFooter } from './render';

/**
 * The template a store's receipts use: the store's own, else the company default, else the
 * built-in one. Cached in KV for an hour under a key that carries a per-company generation; any
 * write to a company's templates moves the generation on, so one KV write retires every cached
 * entry of that company (the old ones simply expire). KV is eventually consistent across
 * locations: another colo may serve the previous template for up to about a minute.
 */

export interface EffectiveTemplate {
  source: 'store' | 'company' | 'builtin';
  id: string | null;
  storeId: string | null;
  name: string;
  paperWidthMm: number;
  header: string;
  footer: string;
  showNpwp: boolean;
  showCashier: boolean;
  /** Whole bodies replacing the built-in ones; undefined keeps the built-in. */
  html?: string;
  text?: string;
  version: number | null;
}

export const templateCacheTtlSeconds = 3600;

export const builtinTemplate: EffectiveTemplate = {
  source: 'builtin',
  id: null,
  storeId: null,
  name: 'Bawaan',
  paperWidthMm: 58,
  header: '',
  footer: defaultFooter,
  showNpwp: true,
  showCashier: true,
  version: null,
};

type CacheEnv = Pick<Env, 'CACHE'>;

const generationKey = (companyId: string) => `receipt-templates:${companyId}:generation`;
const entryKey = (companyId: string, generation: string, storeId: string | null) =>
  `receipt-templates:${companyId}:${generation}:${storeId ?? 'company'}`;

function fromRow(row: ReceiptTemplate): EffectiveTemplate {
  return {
    source: row.storeId ? 'store' : 'company',
    id: row.id,
    storeId: row.storeId,
    name: row.name,
    paperWidthMm: row.paperWidthMm,
    header: row.header,
    footer: row.footer,
    showNpwp: row.showNpwp,
    showCashier: row.showCashier,
    html: row.htmlTemplate ?? undefined,
    text: row.textTemplate ?? undefined,
    version: row.version,
  };
}

/** Straight from the database: the store override first, then the company default. */
export async function loadEffectiveTemplate(
  db: Executor,
  companyId: string,
  storeId: string | null,
): Promise<EffectiveTemplate> {
  const scope = storeId
    ? or(eq(receiptTemplates.storeId, storeId), isNull(receiptTemplates.storeId))
    : isNull(receiptTemplates.storeId);
  const rows = await db
    .select()
    .from(receiptTemplates)
    .where(inCompany(receiptTemplates, companyId, and(scope, isNull(receiptTemplates.deletedAt))))
    // The store's own row sorts before the company default (Postgres puts nulls last in asc).
    .orderBy(asc(receiptTemplates.storeId))
    .limit(2);
  const [row] = rows;
  return row ? fromRow(row) : builtinTemplate;
}

export async function effectiveTemplate(
  env: CacheEnv,
  db: Executor,
  companyId: string,
  storeId: string | null,
): Promise<EffectiveTemplate> {
  const generation = (await env.CACHE.get(generationKey(companyId))) ?? '0';
  const key = entryKey(companyId, generation, storeId);
  const cached = await env.CACHE.get<EffectiveTemplate>(key, 'json');
  if (cached) return cached;
  const template = await loadEffectiveTemplate(db, companyId, storeId);
  await env.CACHE.put(key, JSON.stringify(template), { expirationTtl: templateCacheTtlSeconds });
  return template;
}

/** Warmed entries outlive the opening rush; a template write still retires them (generation). */
export const warmedTemplateTtlSeconds = 3 * 3600;

/**
 * Puts the effective template of each of a company's stores into KV under the current generation
 * (the cron does it an hour before each store's business day starts), in one query whatever the
 * number of stores, so a store's first receipts of the day read KV, not Postgres. Returns how many
 * entries were written.
 */
export async function warmTemplates(
  env: CacheEnv,
  db: Executor,
  companyId: string,
  storeIds: readonly string[],
): Promise<number> {
  if (storeIds.length === 0) return 0;
  const rows = await db
    .select()
    .from(receiptTemplates)
    .where(
      inCompany(
        receiptTemplates,
        companyId,
        and(
          or(inArray(receiptTemplates.storeId, [...storeIds]), isNull(receiptTemplates.storeId)),
          isNull(receiptTemplates.deletedAt),
        ),
      ),
    );
  const companyDefault = rows.find((row) => row.storeId === null);
  const fallback = companyDefault ? fromRow(companyDefault) : builtinTemplate;
  const generation = (await env.CACHE.get(generationKey(companyId))) ?? '0';
  await Promise.all(
    storeIds.map((storeId) => {
      const own = rows.find((row) => row.storeId === storeId);
      return env.CACHE.put(
        entryKey(companyId, generation, storeId),
        JSON.stringify(own ? fromRow(own) : fallback),
        { expirationTtl: warmedTemplateTtlSeconds },
      );
    }),
  );
  return storeIds.length;
}

/**
 * Retires every cached template of the company. Call it after the write has committed, so a
 * reader cannot cache the old row under the new generation.
 */
export async function invalidateTemplates(env: CacheEnv, companyId: string): Promise<void> {
  await env.CACHE.put(generationKey(companyId), crypto.randomUUID());
}
