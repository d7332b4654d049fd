import { ApiError } from '../lib/errors';

/**
 * 403 for every request and sign-in of a suspended company's users. `retryable`: nothing they
 * sent is lost; a till keeps its outbox and sends it again once the company is reactivated and
 * someone has signed in again (suspension ended every session).
 */
export const companySuspended = () =>
  new ApiError('COMPANY_SUSPENDED', {
    detail: { key: 'auth.companySuspended' },
    extensions: { retryable: true },
  });
