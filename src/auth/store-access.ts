import type { Context } from 'hono';
import type { Executor } from '../db/client';
import type { AuthedEnv } from '../env';
import { ApiError } from '../lib/errors';
import { isLiveStore } from '../services/stores/live-stores';
import type { Actor } from './actor';
import { storeAccess, worksInStore } from './policy';

export const storeNotAssigned = () =>
  new ApiError('FORBIDDEN', { detail: { key: 'auth.storeNotAssigned' } });

/**
 * The store rule (policy.ts) for a store id the client sent: 404 unless it is a live store of the
 * caller's company, 403 unless the caller works in it. An assigned store is live and the
 * company's by construction, so staff working in it cost no query; owners and refusals cost one.
 * Checked before a request reaches a store's Durable Object, which binds itself to the first
 * company that addresses it.
 */
export async function assertWorksInStore(
  db: Executor,
  actor: Actor,
  storeId: string,
  notFound: (storeId: string) => ApiError = storeNotFound,
): Promise<void> {
  if (actor.role !== 'owner' && worksInStore(actor, storeId)) return;
  assertStoreAccess(actor, storeId, await isLiveStore(db, actor.companyId, storeId), notFound);
}

/**
 * The same rule for the store of a request whose session the store's object read (see
 * `authenticate`), which also told whether the store is live: no query here.
 */
export async function assertWorksInRequestStore(
  c: Context<AuthedEnv>,
  storeId: string,
): Promise<void> {
  const { auth, database, storeChecked } = c.var;
  if (storeChecked?.storeId !== storeId) return assertWorksInStore(database.db, auth, storeId);
  assertStoreAccess(auth, storeId, storeChecked.isLive, storeNotFound);
}

function assertStoreAccess(
  actor: Actor,
  storeId: string,
  isLive: boolean,
  notFound: (storeId: string) => ApiError,
): void {
  const access = storeAccess(actor, storeId, isLive);
  if (access === 'not_found') throw notFound(storeId);
  if (access === 'not_assigned') throw storeNotAssigned();
}

/** 403 unless the caller works in a store already known to be their company's (a sale's). */
export function assertWorksInKnownStore(actor: Pick<Actor, 'role' | 'storeIds'>, storeId: string) {
  if (!worksInStore(actor, storeId)) throw storeNotAssigned();
}

const storeNotFound = (storeId: string) =>
  new ApiError('NOT_FOUND', { detail: { key: 'sales.storeNotFound', params: { storeId } } });
