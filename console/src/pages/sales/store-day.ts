import { useQuery } from '@tanstack/react-query';
import { api, data } from '../../api/client';
import { businessDateIn } from '../../format/time';

/**
 * A store's settings and the business day it is now in (its zone, moved back before its cut-off
 * hour), as the today page works it out: the default date of the sales and shifts pages.
 */
export function useStoreDay(storeId: string | undefined) {
  const store = useQuery({
    queryKey: ['store', storeId],
    queryFn: () =>
      data(api.GET('/api/v1/stores/{storeId}', { params: { path: { storeId: storeId ?? '' } } })),
    enabled: Boolean(storeId),
    staleTime: 5 * 60_000,
  });
  const businessDate = store.data
    ? businessDateIn(store.data.timezone, store.data.businessDayCutoffHour)
    : undefined;
  return { store, businessDate };
}
