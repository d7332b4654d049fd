import { and, asc, eq, ilike, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { hashPassword } from '../auth/passwords';
import { isTenantPermission } from '../auth/permissions';
import { mayManageRole } from '../auth/policy';
import type { Db, Executor } from '../db/client';
import { stores, type User, type UserRole, userStoreAssignments, users } from '../db/schema';
import { inCompany } from '../db/tenancy';
import { conflictsOnUnique } from '../db/unique-violation';
import { beyondCursor, cursorTimestamp, decodeCursor, pageOf } from '../lib/cursor';
import { ApiError } from '../lib/errors';
import { recordAudit } from './audit';
import { liveSessionIds, revokeSessions } from './device-sessions';

/**
 * Staff of a company. Every function takes the acting user and checks what that user may do to
 * whom (mayManageRole); every query is scoped by the actor's company, so another company's user
 * id is simply not found.
 */
export type TenantRole = Exclude<UserRole, 'platform_admin'>;

const loginTaken = () => new ApiError('CONFLICT', { detail: { key: 'users.loginTaken' } });
export const loginConflicts = {
  users_email_live_key: loginTaken,
  users_phone_live_key: loginTaken,
};

export interface UserView {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  role: UserRole;
  isActive: boolean;
  /** The password was set by someone else; the user must choose their own first. */
  mustChangePassword: boolean;
  permissionsGranted: string[];
  permissionsRevoked: string[];
  storeIds: string[];
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** What an audit row may show of a user: never the hashes. */
function auditView(user: User, storeIds?: string[]) {
  const { passwordHash: _password, pinHash: _pin, ...rest } = user;
  return storeIds ? { ...rest, storeIds } : rest;
}

export function userView(user: User, storeIds: string[]): UserView {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    phone: user.phone,
    role: user.role,
    isActive: user.isActive,
    mustChangePassword: user.mustChangePassword,
    permissionsGranted: user.permissionsGranted,
    permissionsRevoked: user.permissionsRevoked,
    storeIds,
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    version: user.version,
  };
}

const userNotFound = () => new ApiError('NOT_FOUND', { detail: { key: 'users.notFound' } });

function assertCanManage(actor: Actor, role: UserRole): void {
  if (!mayManageRole(actor.role, role)) {
    throw new ApiError('FORBIDDEN', { detail: { key: 'users.roleNotAllowed', params: { role } } });
  }
}

function assertPermissionEdits(actor: Actor, granted?: string[], revoked?: string[]): void {
  if ((granted !== undefined || revoked !== undefined) && actor.role !== 'owner') {
    throw new ApiError('FORBIDDEN', { detail: { key: 'users.permissionsOwnerOnly' } });
  }
  for (const permission of [...(granted ?? []), ...(revoked ?? [])]) {
    if (!isTenantPermission(permission)) {
      throw new ApiError('VALIDATION_FAILED', { detail: { key: 'validation.unknownPermission' } });
    }
  }
}

async function storeIdsOf(
  db: Executor,
  companyId: string,
  userIds: string[],
): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select({ userId: userStoreAssignments.userId, storeId: userStoreAssignments.storeId })
    .from(userStoreAssignments)
    .where(
      inCompany(userStoreAssignments, companyId, inArray(userStoreAssignments.userId, userIds)),
    );
  for (const row of rows) byUser.get(row.userId)?.push(row.storeId);
  return byUser;
}

async function findUser(db: Executor, companyId: string, userId: string, forUpdate = false) {
  const query = db
    .select()
    .from(users)
    .where(inCompany(users, companyId, eq(users.id, userId), isNull(users.deletedAt)));
  const [user] = forUpdate ? await query.for('update') : await query;
  if (!user || user.role === 'platform_admin') throw userNotFound();
  return user;
}

/** Unknown or other-company store ids are refused by name. */
async function assertStoresOfCompany(
  db: Executor,
  companyId: string,
  storeIds: string[],
): Promise<void> {
  if (storeIds.length === 0) return;
  const found = await db
    .select({ id: stores.id })
    .from(stores)
    .where(inCompany(stores, companyId, inArray(stores.id, storeIds), isNull(stores.deletedAt)));
  const known = new Set(found.map((row) => row.id));
  const unknown = storeIds.find((id) => !known.has(id));
  if (unknown)
    throw new ApiError('NOT_FOUND', {
      detail: { key: 'users.unknownStore', params: { storeId: unknown } },
    });
}

export async function assertLoginFree(
  db: Executor,
  email: string | null | undefined,
  phone: string | null | undefined,
  exceptUserId?: string,
) {
  const logins = [
    email ? eq(users.email, email) : undefined,
    phone ? eq(users.phone, phone) : undefined,
  ].filter(Boolean);
  if (logins.length === 0) return;
  // Logins are unique across the platform (sign-in does not name the company), so this check is
  // deliberately not company-scoped; it answers only "taken", never whose.
  const [taken] = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        isNull(users.deletedAt),
        or(...logins),
        exceptUserId ? ne(users.id, exceptUserId) : undefined,
      ),
    );
  if (taken) throw loginTaken();
}

async function assertAnotherActiveOwner(
  db: Executor,
  companyId: string,
  userId: string,
): Promise<void> {
  const [other] = await db
    .select({ id: users.id })
    .from(users)
    .where(
      inCompany(
        users,
        companyId,
        eq(users.role, 'owner'),
        eq(users.isActive, true),
        isNull(users.deletedAt),
        ne(users.id, userId),
      ),
    )
    .limit(1);
  if (!other) throw new ApiError('UNPROCESSABLE', { detail: { key: 'users.lastOwner' } });
}

export interface ListUsersQuery {
  limit: number;
  cursor?: string;
  role?: TenantRole;
  active?: boolean;
  search?: string;
}

export async function listUsers(db: Db, companyId: string, query: ListUsersQuery) {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  // LIKE wildcards typed by the user are searched for literally.
  const pattern = query.search ? `%${query.search.replace(/[\\%_]/g, '\\$&')}%` : '';
  const rows = await db
    .select({ user: users, id: users.id, cursorAt: cursorTimestamp(users.createdAt) })
    .from(users)
    .where(
      inCompany(
        users,
        companyId,
        isNull(users.deletedAt),
        ne(users.role, 'platform_admin'),
        query.role ? eq(users.role, query.role) : undefined,
        query.active === undefined ? undefined : eq(users.isActive, query.active),
        query.search
          ? or(ilike(users.name, pattern), ilike(users.email, pattern), ilike(users.phone, pattern))
          : undefined,
        after ? beyondCursor({ at: users.createdAt, id: users.id }, after, 'asc') : undefined,
      ),
    )
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(query.limit + 1);
  const page = pageOf(rows, query.limit);
  const storeIds = await storeIdsOf(
    db,
    companyId,
    page.data.map(({ id }) => id),
  );
  return {
    data: page.data.map(({ user }) => userView(user, storeIds.get(user.id) ?? [])),
    nextCursor: page.nextCursor,
  };
}

export async function getUser(db: Db, companyId: string, userId: string): Promise<UserView> {
  const user = await findUser(db, companyId, userId);
  const storeIds = await storeIdsOf(db, companyId, [user.id]);
  return userView(user, storeIds.get(user.id) ?? []);
}

export interface CreateUserInput {
  name: string;
  email?: string;
  phone?: string;
  role: TenantRole;
  password: string;
  pin?: string;
  storeIds: string[];
  permissionsGranted?: string[];
  permissionsRevoked?: string[];
}

export async function createUser(db: Db, actor: Actor, input: CreateUserInput): Promise<UserView> {
  assertCanManage(actor, input.role);
  assertPermissionEdits(actor, input.permissionsGranted, input.permissionsRevoked);
  const [passwordHash, pinHash] = await Promise.all([
    hashPassword(input.password),
    input.pin ? hashPassword(input.pin) : undefined,
  ]);
  // Two requests racing past assertLoginFree meet at the unique index: the same 409.
  return conflictsOnUnique(
    () =>
      db.transaction(async (tx) => {
        await assertLoginFree(tx, input.email, input.phone);
        await assertStoresOfCompany(tx, actor.companyId, input.storeIds);
        const [user] = await tx
          .insert(users)
          .values({
            companyId: actor.companyId,
            name: input.name,
            email: input.email ?? null,
            phone: input.phone ?? null,
            role: input.role,
            passwordHash,
            pinHash: pinHash ?? null,
            permissionsGranted: input.permissionsGranted ?? [],
            permissionsRevoked: input.permissionsRevoked ?? [],
          })
          .returning();
        if (!user) throw new Error('insert returned no user');
        if (input.storeIds.length > 0) {
          await tx.insert(userStoreAssignments).values(
            input.storeIds.map((storeId) => ({
              companyId: actor.companyId,
              userId: user.id,
              storeId,
            })),
          );
        }
        await recordAudit(tx, actor, {
          action: 'user.create',
          entityType: 'user',
          entityId: user.id,
          after: auditView(user, input.storeIds),
        });
        return userView(user, input.storeIds);
      }),
    loginConflicts,
  );
}

export interface UpdateUserInput {
  version: number;
  name?: string;
  email?: string | null;
  phone?: string | null;
  role?: TenantRole;
  pin?: string | null;
  permissionsGranted?: string[];
  permissionsRevoked?: string[];
}

export async function updateUser(
  db: Db,
  actor: Actor,
  userId: string,
  input: UpdateUserInput,
): Promise<UserView> {
  assertPermissionEdits(actor, input.permissionsGranted, input.permissionsRevoked);
  const pinHash = input.pin ? await hashPassword(input.pin) : input.pin;
  // Two requests racing past assertLoginFree meet at the unique index: the same 409.
  return conflictsOnUnique(
    () =>
      db.transaction(async (tx) => {
        const current = await findUser(tx, actor.companyId, userId, true);
        assertCanManage(actor, current.role);
        if (input.role) assertCanManage(actor, input.role);
        if (current.version !== input.version) {
          throw new ApiError('CONFLICT', {
            detail: { key: 'users.staleVersion', params: { current: current.version } },
          });
        }
        if (current.role === 'owner' && input.role && input.role !== 'owner') {
          await assertAnotherActiveOwner(tx, actor.companyId, current.id);
        }
        await assertLoginFree(tx, input.email, input.phone, current.id);
        const email = input.email === undefined ? current.email : input.email;
        const phone = input.phone === undefined ? current.phone : input.phone;
        if (!email && !phone)
          throw new ApiError('VALIDATION_FAILED', { detail: { key: 'validation.loginRequired' } });
        const [updated] = await tx
          .update(users)
          .set({
            name: input.name,
            email,
            phone,
            role: input.role,
            pinHash,
            permissionsGranted: input.permissionsGranted,
            permissionsRevoked: input.permissionsRevoked,
            version: sql`${users.version} + 1`,
          })
          .where(inCompany(users, actor.companyId, eq(users.id, current.id)))
          .returning();
        if (!updated) throw userNotFound();
        await recordAudit(tx, actor, {
          action: 'user.update',
          entityType: 'user',
          entityId: current.id,
          before: auditView(current),
          after: auditView(updated),
        });
        const storeIds = await storeIdsOf(tx, actor.companyId, [current.id]);
        return userView(updated, storeIds.get(current.id) ?? []);
      }),
    loginConflicts,
  );
}

/** Soft: the row stays (sales keep their cashier), sign-in stops, every session ends now. */
export async function setUserActive(
  db: Db,
  actor: Actor,
  userId: string,
  active: boolean,
  now: Date,
): Promise<UserView> {
  if (!active && userId === actor.userId) {
    throw new ApiError('UNPROCESSABLE', { detail: { key: 'users.selfDeactivation' } });
  }
  return db.transaction(async (tx) => {
    const current = await findUser(tx, actor.companyId, userId, true);
    assertCanManage(actor, current.role);
    const [updated] = await tx
      .update(users)
      .set({ isActive: active, version: sql`${users.version} + 1` })
      .where(inCompany(users, actor.companyId, eq(users.id, current.id)))
      .returning();
    if (!updated) throw userNotFound();
    const revoked = active
      ? []
      : await revokeSessions(
          tx,
          actor.companyId,
          await liveSessionIds(tx, actor.companyId, current.id),
          'user_deactivated',
          now,
        );
    await recordAudit(tx, actor, {
      action: active ? 'user.reactivate' : 'user.deactivate',
      entityType: 'user',
      entityId: current.id,
      before: { isActive: current.isActive },
      after: { isActive: active, revokedSessions: revoked.length },
    });
    const storeIds = await storeIdsOf(tx, actor.companyId, [current.id]);
    return userView(updated, storeIds.get(current.id) ?? []);
  });
}

/** Sets a new password and ends every session of that user, wherever it is. */
export async function resetPassword(
  db: Db,
  actor: Actor,
  userId: string,
  password: string,
  now: Date,
): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const current = await findUser(tx, actor.companyId, userId, true);
    assertCanManage(actor, current.role);
    await tx
      .update(users)
      .set({ passwordHash, version: sql`${users.version} + 1` })
      .where(inCompany(users, actor.companyId, eq(users.id, current.id)));
    const revoked = await revokeSessions(
      tx,
      actor.companyId,
      await liveSessionIds(tx, actor.companyId, current.id),
      'password_reset',
      now,
    );
    await recordAudit(tx, actor, {
      action: 'user.password_reset',
      entityType: 'user',
      entityId: current.id,
      after: { revokedSessions: revoked.length },
    });
  });
}

export async function assignStores(
  db: Db,
  actor: Actor,
  userId: string,
  storeIds: string[],
): Promise<UserView> {
  return db.transaction(async (tx) => {
    const current = await findUser(tx, actor.companyId, userId, true);
    assertCanManage(actor, current.role);
    await assertStoresOfCompany(tx, actor.companyId, storeIds);
    const before = (await storeIdsOf(tx, actor.companyId, [current.id])).get(current.id) ?? [];
    await tx
      .delete(userStoreAssignments)
      .where(
        inCompany(
          userStoreAssignments,
          actor.companyId,
          eq(userStoreAssignments.userId, current.id),
        ),
      );
    if (storeIds.length > 0) {
      await tx
        .insert(userStoreAssignments)
        .values(
          storeIds.map((storeId) => ({ companyId: actor.companyId, userId: current.id, storeId })),
        );
    }
    await recordAudit(tx, actor, {
      action: 'user.assign_stores',
      entityType: 'user',
      entityId: current.id,
      before: { storeIds: before },
      after: { storeIds },
    });
    return userView(current, storeIds);
  });
}
