import type { Me } from '../../auth/me';
import { useTranslation } from '../../i18n/language';
import { assignedStores, type User } from './staff-shared';

/** The user's stores by name (owners work in all); stores the caller does not see, counted. */
export function StoreNames({ user, me }: { user: User; me: Me | undefined }) {
  const { t } = useTranslation();
  if (user.role === 'owner') return <>{t('staff.allStores')}</>;
  if (user.storeIds.length === 0) return <span className="muted">{t('staff.noStores')}</span>;
  const { known, unknownCount } = assignedStores(user.storeIds, me?.stores ?? []);
  const names = known.map((store) => store.name);
  if (unknownCount > 0) names.push(t('staff.otherStores', { count: unknownCount }));
  return <>{names.join(', ')}</>;
}
