import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, data } from '../../api/client';
import { useMe } from '../../auth/me';
import { useTranslation } from '../../i18n/language';
import { Refusal } from '../../ui/refusal';
import { type User, useApplyUser } from './staff-shared';
import { StoreChecklist } from './store-checklist';

/**
 * The stores a member works in. The API replaces the whole list, so stores the caller cannot
 * see (a manager sees only their own) are sent back as they were.
 */
export function UserStoresForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const me = useMe();
  const applyUser = useApplyUser();
  const stores = me.data?.stores ?? [];
  const [selected, setSelected] = useState(() =>
    user.storeIds.filter((id) => stores.some((store) => store.id === id)),
  );
  const hidden = user.storeIds.filter((id) => !stores.some((store) => store.id === id));

  const save = useMutation({
    mutationFn: () =>
      data(
        api.PUT('/api/v1/users/{id}/stores', {
          params: { path: { id: user.id } },
          body: { storeIds: [...selected, ...hidden] },
        }),
      ),
    onSuccess: applyUser,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <StoreChecklist
        scope="user-stores"
        stores={stores}
        selected={selected}
        onChange={setSelected}
        error={save.error}
      />
      {hidden.length > 0 ? (
        <p className="muted">{t('staff.hiddenStores', { count: hidden.length })}</p>
      ) : null}
      <Refusal error={save.error} shown={['storeIds']} />
      {save.isSuccess ? (
        <p className="success" role="status">
          {t('staff.storesSaved', { name: user.name })}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('staff.saveStores')}
        </button>
      </div>
    </form>
  );
}
