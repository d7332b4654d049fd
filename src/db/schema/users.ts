import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  companyId,
  createdAt,
  deletedAt,
  id,
  sameCompanyReference,
  syncXid,
  timestamps,
  utcTimestamp,
  version,
} from './columns';
import { companies } from './companies';
import { stores } from './stores';

/** Staff roles of a tenant, plus `platform_admin` for users of the platform company. */
export const userRoles = ['owner', 'manager', 'cashier', 'platform_admin'] as const;
export type UserRole = (typeof userRoles)[number];

/**
 * Staff of one company. Login is by e-mail or phone without naming the company, so both are
 * unique across the platform among users that are not deleted.
 */
export const users = pgTable(
  'users',
  {
    id: id(),
    companyId: companyId().references(() => companies.id),
    name: text('name').notNull(),
    /** Stored lower-cased. */
    email: text('email'),
    /** Stored in E.164 (+62…). */
    phone: text('phone'),
    role: text('role', { enum: userRoles }).notNull(),
    /** `algorithm$iterations$salt$hash`, so the parameters can be upgraded later. */
    passwordHash: text('password_hash').notNull(),
    /** A short PIN for manager approvals at the till, hashed like the password. */
    pinHash: text('pin_hash'),
    /** Per-user changes to the role's default permissions. */
    permissionsGranted: text('permissions_granted').array().notNull().default(sql`'{}'::text[]`),
    permissionsRevoked: text('permissions_revoked').array().notNull().default(sql`'{}'::text[]`),
    isActive: boolean('is_active').notNull().default(true),
    /**
     * Set when someone else chose the password (an operator onboarding the company, resetting an
     * owner's access): until the user picks their own, the session may only do that.
     */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    lastLoginAt: utcTimestamp('last_login_at'),
    ...timestamps(),
    deletedAt: deletedAt(),
    version: version(),
    syncXid: syncXid(),
  },
  (table) => [
    unique('users_company_id_key').on(table.companyId, table.id),
    uniqueIndex('users_email_live_key')
      .on(table.email)
      .where(sql`${table.deletedAt} is null and ${table.email} is not null`),
    uniqueIndex('users_phone_live_key')
      .on(table.phone)
      .where(sql`${table.deletedAt} is null and ${table.phone} is not null`),
    index('users_company_role_idx').on(table.companyId, table.role),
    index('users_company_updated_idx').on(table.companyId, table.updatedAt),
    index('users_company_sync_xid_idx').on(table.companyId, table.syncXid),
    check(
      'users_role_valid',
      sql`${table.role} in ('owner', 'manager', 'cashier', 'platform_admin')`,
    ),
    check('users_email_lowercase', sql`${table.email} = lower(${table.email})`),
    check('users_has_login', sql`${table.email} is not null or ${table.phone} is not null`),
  ],
);

/** A logged-in device (a till, a phone). Revoking it ends its refresh tokens at once. */
export const deviceSessions = pgTable(
  'device_sessions',
  {
    id: id(),
    companyId: companyId(),
    userId: uuid('user_id').notNull(),
    /** SHA-256 of the device fingerprint the client sent at login. */
    fingerprintHash: text('fingerprint_hash').notNull(),
    deviceName: text('device_name').notNull(),
    platform: text('platform').notNull(),
    userAgent: text('user_agent'),
    ipAddress: text('ip_address'),
    lastSeenAt: utcTimestamp('last_seen_at').notNull().defaultNow(),
    expiresAt: utcTimestamp('expires_at').notNull(),
    revokedAt: utcTimestamp('revoked_at'),
    revokedReason: text('revoked_reason'),
    ...timestamps(),
  },
  (table) => [
    unique('device_sessions_company_id_key').on(table.companyId, table.id),
    sameCompanyReference('device_sessions_user_fk', [table.companyId, table.userId], users),
    index('device_sessions_company_user_idx').on(table.companyId, table.userId, table.revokedAt),
    index('device_sessions_company_user_fingerprint_idx').on(
      table.companyId,
      table.userId,
      table.fingerprintHash,
    ),
  ],
);

/**
 * Opaque rotating refresh tokens: only the SHA-256 of the token is stored. A token is used once;
 * presenting a used one again (`rotated_at` set) revokes its whole device session.
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: id(),
    companyId: companyId(),
    deviceSessionId: uuid('device_session_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The token this one replaced, so a chain of rotations can be followed. */
    replacesId: uuid('replaces_id'),
    expiresAt: utcTimestamp('expires_at').notNull(),
    rotatedAt: utcTimestamp('rotated_at'),
    revokedAt: utcTimestamp('revoked_at'),
    ...timestamps(),
  },
  (table) => [
    uniqueIndex('refresh_tokens_token_hash_key').on(table.tokenHash),
    sameCompanyReference(
      'refresh_tokens_device_session_fk',
      [table.companyId, table.deviceSessionId],
      deviceSessions,
    ).onDelete('cascade'),
    index('refresh_tokens_company_session_idx').on(table.companyId, table.deviceSessionId),
    index('refresh_tokens_company_replaces_idx').on(table.companyId, table.replacesId),
    index('refresh_tokens_expires_at_idx').on(table.expiresAt),
  ],
);

/** Which stores a user works in. Owners work in every store of their company without rows here. */
export const userStoreAssignments = pgTable(
  'user_store_assignments',
  {
    id: id(),
    companyId: companyId(),
    userId: uuid('user_id').notNull(),
    storeId: uuid('store_id').notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('user_store_assignments_company_user_store_key').on(
      table.companyId,
      table.userId,
      table.storeId,
    ),
    index('user_store_assignments_company_store_idx').on(table.companyId, table.storeId),
    sameCompanyReference(
      'user_store_assignments_user_fk',
      [table.companyId, table.userId],
      users,
    ).onDelete('cascade'),
    sameCompanyReference(
      'user_store_assignments_store_fk',
      [table.companyId, table.storeId],
      stores,
    ).onDelete('cascade'),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type DeviceSession = typeof deviceSessions.$inferSelect;
export type RefreshToken = typeof refreshTokens.$inferSelect;
