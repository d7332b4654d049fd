import type { CompanyKind } from '../db/schema';
import type { Principal } from './policy';

/**
 * The authenticated caller of one request, built once by `authenticate` from the access token
 * and one database read: what the policy decides on (role, permissions, stores), and what audit
 * rows record (user, device session, request, address). Services take it as a plain value.
 */
export interface Actor extends Principal {
  companyId: string;
  companyKind: CompanyKind;
  /** The device session the access token belongs to. */
  sessionId: string;
  requestId: string;
  ipAddress: string | null;
}
