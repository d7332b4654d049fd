import { DurableObject } from 'cloudflare:workers';
import { loadSession, type SessionClaims, type SessionRecord } from '../src/auth/session';
import { Database } from '../src/db/client';
import type { Env } from '../src/env';
import { ApiError } from '../src/lib/errors';
import { createLogger, type Logger, parseLogLevel } from '../src/lib/logger';
import { lowStockJobs } from '../src/queues/low-stock';
import type { JobMessage } from '../src/queues/messages';
import { reportsRecomputeJobs } from '../src/queues/reports-recompute';
import {
  type SettleBillCommand,
  type SettleBillOutcome,
  settleBill,
} from '../src/services/dining/settle-bill';
import {
  type CreateSaleCommand,
  type CreateSaleOutcome,
  createSale,
} from '../src/services/sales/create-sale';
import { processSaleBatch } from '../src/services/sync/upload';
import type { SaleBatchCommand, SaleBatchOutcome } from '../src/services/sync/upload-types';
import { asRemoteResult, type RemoteResult } from './store-calls';

/** What follows a sale the object recorded: low-stock alerts, and its day's reports. */
function saleJobs(companyId: string, outcome: CreateSaleOutcome): JobMessage[] {
  if (outcome.status !== 'created') return [];
  const { storeId, businessDate } = outcome.sale;
  return [
    ...lowStockJobs(companyId, outcome.lowStock),
    ...reportsRecomputeJobs(companyId, [{ storeId, businessDate }]),
  ];
}

export interface StoreIdentity {
  storeId: string;
  companyId: string;
}

export interface StoreBinding extends StoreIdentity {
  boundAt: string;
}

/** Errors do not keep their class across RPC, so the outcome is a value the caller can check. */
export type BindResult =
  | { ok: true; binding: StoreBinding }
  | { ok: false; reason: 'bound_to_another_store'; binding: StoreBinding };

/**
 * One instance per store (addressed by `idFromName(storeId)`). It serialises the store's
 * transaction numbering: online sales and offline sync batches go through one queue, so a batch
 * of 500 sales is numbered in one run and an online sale waits for it rather than interleaving.
 * It records which store and company it belongs to, in its own SQLite storage, and refuses to
 * serve any other, so a mis-addressed stub can never number another store's sales.
 */
export class StoreCoordinator extends DurableObject<Env> {
  /** The tail of this store's write queue: each write starts when the previous one settled. */
  #writes: Promise<unknown> = Promise.resolve();
  /**
   * The store's database connection, kept open between its writes while the store is busy and
   * closed after DB_KEEP_WARM_MS without one (0: closed after every write, as the embedded
   * Postgres of the local stack needs, since it serves one connection at a time). A Durable
   * Object, unlike a Worker request, may hold I/O across the calls it serves.
   */
  #database: Database | undefined;
  #idleClose: ReturnType<typeof setTimeout> | undefined;
  readonly #connectionLogger: Logger;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#connectionLogger = createLogger({
      level: parseLogLevel(env.LOG_LEVEL),
      fields: { component: 'store-coordinator' },
    });
    ctx.blockConcurrencyWhile(async () => {
      ctx.storage.sql.exec(`
        create table if not exists store_binding (
          singleton integer primary key check (singleton = 1),
          store_id text not null,
          company_id text not null,
          bound_at text not null
        )`);
    });
  }

  /** Binds this object to the store on first call; afterwards only that store is accepted. */
  async bind(identity: StoreIdentity, at = new Date()): Promise<BindResult> {
    const existing = this.currentBinding();
    if (existing) {
      const sameStore =
        existing.storeId === identity.storeId && existing.companyId === identity.companyId;
      return sameStore
        ? { ok: true, binding: existing }
        : { ok: false, reason: 'bound_to_another_store', binding: existing };
    }
    const boundAt = at.toISOString();
    this.ctx.storage.sql.exec(
      'insert into store_binding (singleton, store_id, company_id, bound_at) values (1, ?, ?, ?)',
      identity.storeId,
      identity.companyId,
      boundAt,
    );
    return { ok: true, binding: { ...identity, boundAt } };
  }

  /**
   * Reads the caller's device session, and whether `storeId` is a live store of its company, for
   * a request whose work comes here next (see `authenticate`): on the store's connection, so
   * the Worker opens none. A read for a caller not yet checked, so it binds nothing.
   */
  async readSession(
    claims: SessionClaims,
    storeId: string,
    requestId: string | null,
  ): Promise<RemoteResult<SessionRecord | undefined>> {
    return this.onStoreConnection({ requestId }, storeId, async (database) => ({
      value: await loadSession(database.db, claims, storeId),
      jobs: [],
    }));
  }

  /** Records a sale of this store, after any sale or batch of this store already queued. */
  async createSale(command: CreateSaleCommand): Promise<RemoteResult<CreateSaleOutcome>> {
    return this.withStoreDatabase(command, command.input.storeId, async (database) => {
      const outcome = await createSale(database.db, command);
      return { value: outcome, jobs: saleJobs(command.companyId, outcome) };
    });
  }

  /** Settles an open bill of this store as one sale, in turn with the store's other sales. */
  async settleBill(command: SettleBillCommand): Promise<RemoteResult<SettleBillOutcome>> {
    return this.withStoreDatabase(command, command.storeId, async (database) => {
      const outcome = await settleBill(database.db, command);
      return { value: outcome, jobs: saleJobs(command.companyId, outcome) };
    });
  }

  /** Records a batch of offline sales, after any sale or batch of this store already queued. */
  async syncSales(command: SaleBatchCommand): Promise<RemoteResult<SaleBatchOutcome>> {
    return this.withStoreDatabase(command, command.storeId, async (database, logger) => {
      const outcome = await processSaleBatch(database.db, command, logger);
      const jobs: JobMessage[] = [
        ...lowStockJobs(command.companyId, outcome.lowStock),
        ...reportsRecomputeJobs(
          command.companyId,
          outcome.businessDates.map((businessDate) => ({ storeId: command.storeId, businessDate })),
        ),
      ];
      if (outcome.counts.rejected > 0 || outcome.flagged > 0) {
        jobs.unshift({
          type: 'sync.problems',
          companyId: command.companyId,
          storeId: command.storeId,
          batchId: command.batchId,
          deviceSessionId: command.deviceSessionId,
          rejected: outcome.counts.rejected,
          flagged: outcome.flagged,
        });
      }
      return { value: outcome, jobs };
    });
  }

  /** Runs one write of this store in turn, once the object is bound to the store's company. */
  private withStoreDatabase<T>(
    command: { companyId: string; requestId: string | null },
    storeId: string,
    work: (database: Database, logger: Logger) => Promise<{ value: T; jobs: JobMessage[] }>,
  ): Promise<RemoteResult<T>> {
    return this.onStoreConnection(command, storeId, async (database, logger) => {
      const binding = await this.bind({ storeId, companyId: command.companyId });
      if (!binding.ok) throw new Error('store coordinator addressed with another store');
      return work(database, logger);
    });
  }

  /**
   * Runs one call of this store in turn, on the store's connection. A Durable Object lets other
   * calls in while it awaits the database, so the queue (not the input gate) serialises them.
   */
  private onStoreConnection<T>(
    command: { requestId: string | null },
    storeId: string,
    work: (database: Database, logger: Logger) => Promise<{ value: T; jobs: JobMessage[] }>,
  ): Promise<RemoteResult<T>> {
    const logger = createLogger({
      level: parseLogLevel(this.env.LOG_LEVEL),
      fields: { requestId: command.requestId, storeId },
    });
    return this.serialized(() =>
      asRemoteResult(logger, command.requestId, async () => {
        const database = this.openDatabase();
        // A refusal (an ApiError) leaves the connection as it was; any other failure may have
        // broken it, so the next write starts on a new one.
        let reusable = false;
        try {
          const result = await work(database, logger);
          reusable = true;
          return result;
        } catch (error) {
          reusable = error instanceof ApiError;
          throw error;
        } finally {
          await this.releaseDatabase(database, reusable);
        }
      }),
    );
  }

  private openDatabase(): Database {
    clearTimeout(this.#idleClose);
    this.#database ??= new Database(this.env, this.#connectionLogger);
    return this.#database;
  }

  private async releaseDatabase(database: Database, reusable: boolean): Promise<void> {
    const keepWarmMs = Number(this.env.DB_KEEP_WARM_MS ?? 0);
    if (reusable && keepWarmMs > 0) {
      this.#idleClose = setTimeout(() => void this.closeDatabase(database), keepWarmMs);
      return;
    }
    await this.closeDatabase(database);
  }

  private async closeDatabase(database: Database): Promise<void> {
    if (this.#database === database) this.#database = undefined;
    await database.close();
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#writes.then(work, work);
    this.#writes = run.catch(() => undefined);
    return run;
  }

  private currentBinding(): StoreBinding | undefined {
    const row = this.ctx.storage.sql
      .exec<{ store_id: string; company_id: string; bound_at: string }>(
        'select store_id, company_id, bound_at from store_binding where singleton = 1',
      )
      .toArray()[0];
    return row && { storeId: row.store_id, companyId: row.company_id, boundAt: row.bound_at };
  }
}
