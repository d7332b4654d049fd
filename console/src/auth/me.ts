import { useQuery } from '@tanstack/react-query';
import { api, data } from '../api/client';
import type { components } from '../api/schema';
import { useSession } from './session';

export type Me = components['schemas']['Me'];
export type Permission = Me['permissions'][number];

/** Who is signed in, their company, stores and permissions: what the console may show. */
export function useMe() {
  const session = useSession();
  return useQuery({
    queryKey: ['me', session?.sessionId],
    queryFn: () => data(api.GET('/api/v1/me')),
    enabled: Boolean(session),
    staleTime: 60_000,
  });
}

export function holds(me: Me | undefined, permission: Permission): boolean {
  return me?.permissions.includes(permission) ?? false;
}

export function isOperator(me: Me | undefined): boolean {
  return me?.company.kind === 'platform';
}
