import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createLazyRoute } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api, data } from '../../api/client';
import type { components } from '../../api/schema';
import { formatDateTime } from '../../format/time';
import { useTranslation } from '../../i18n/language';
import { TextField } from '../../ui/field';
import { ProblemMessage } from '../../ui/problem-message';
import { Refusal } from '../../ui/refusal';
import { CompanySettings } from './company-settings';
import { ReceiptTemplateEditor } from './receipt-template';
import {
  basisPointsToPercent,
  emptyStoreDraft,
  type StoreDraft,
  StoreFields,
  storeBody,
  storeSettingsBody,
} from './store-fields';

export const Route = createLazyRoute('/app/stores')({ component: StoresPage });

type Store = components['schemas']['Store'];

function draftOf(store: Store): StoreDraft {
  return {
    key: store.id,
    code: store.code,
    name: store.name,
    address: store.address,
    timezone: store.timezone,
    taxRegime: store.taxRegime,
    taxRatePercent: basisPointsToPercent(store.taxRateBasisPoints),
    serviceChargePercent: basisPointsToPercent(store.serviceChargeBasisPoints),
    serviceChargeTaxable: store.serviceChargeTaxable,
    pricesIncludeTax: store.pricesIncludeTax,
    cashRoundingStep: store.cashRoundingStep,
    businessDayCutoffHour: String(store.businessDayCutoffHour),
    requireOpenShift: store.requireOpenShift,
  };
}

/** Owners (settings.manage): each store's settings, changed now or from a date; new stores. */
function StoresPage() {
  const { t } = useTranslation();
  const stores = useQuery({
    queryKey: ['stores'],
    queryFn: () => data(api.GET('/api/v1/stores')),
  });
  const [chosen, setSelected] = useState<string>();
  // The first store until the user picks one (or "new store").
  const selected = chosen ?? stores.data?.data[0]?.id ?? 'new';
  const current = stores.data?.data.find((store) => store.id === selected);

  return (
    <section aria-labelledby="stores-title">
      <div className="page-head">
        <h1 id="stores-title">{t('stores.title')}</h1>
        <label className="inline">
          <span>{t('today.store')}</span>
          <select value={selected} onChange={(event) => setSelected(event.target.value)}>
            {stores.data?.data.map((store) => (
              <option key={store.id} value={store.id}>
                {store.code} · {store.name}
              </option>
            ))}
            <option value="new">{t('stores.new')}</option>
          </select>
        </label>
      </div>
      <article className="panel company-panel">
        <h2>{t('company.details')}</h2>
        <CompanySettings />
      </article>
      <ProblemMessage error={stores.error} />
      {stores.isPending ? null : selected === 'new' ? (
        <NewStoreForm onCreated={setSelected} />
      ) : current ? (
        <>
          <StoreSettingsForm key={current.id} store={current} />
          <article className="panel receipt-panel">
            <h2>{t('receipt.title')}</h2>
            <ReceiptTemplateEditor store={current} />
          </article>
        </>
      ) : null}
    </section>
  );
}

function StoreSettingsForm({ store }: { store: Store }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(store));
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const save = useMutation({
    mutationFn: () =>
      data(
        api.PATCH('/api/v1/stores/{storeId}', {
          params: { path: { storeId: store.id } },
          body: {
            version: store.version,
            ...storeSettingsBody(draft),
            // A date typed as the store's local midnight (WIB/WITA/WIT offsets are fixed).
            ...(effectiveFrom
              ? { effectiveFrom: `${effectiveFrom}T00:00:00${offsetOf(store.timezone)}` }
              : {}),
          },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['stores'] }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <StoreFields
        draft={draft}
        onChange={setDraft}
        pathPrefix=""
        error={save.error}
        codeLocked={store.hasSales}
      />
      <TextField
        label={t('stores.effectiveFrom')}
        path="effectiveFrom"
        type="date"
        hint={t('stores.effectiveFromHint')}
        value={effectiveFrom}
        onChange={(event) => setEffectiveFrom(event.target.value)}
        error={save.error}
      />
      {store.scheduledSettings.length > 0 ? (
        <div className="notice">
          <strong>{t('stores.scheduled')}</strong>
          <ul>
            {store.scheduledSettings.map((entry) => (
              <li key={entry.id}>{formatDateTime(entry.effectiveFrom, store.timezone)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Refusal error={save.error} shown={[...StoreFields.paths, 'effectiveFrom']} />
      {save.isSuccess ? (
        <p className="success" role="status">
          {t('common.saved')}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

function NewStoreForm({ onCreated }: { onCreated: (storeId: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(emptyStoreDraft);
  const create = useMutation({
    mutationFn: () => data(api.POST('/api/v1/stores', { body: storeBody(draft) })),
    onSuccess: async (store) => {
      await queryClient.invalidateQueries({ queryKey: ['stores'] });
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      onCreated(store.id);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <form className="form" onSubmit={submit} noValidate>
      <StoreFields draft={draft} onChange={setDraft} pathPrefix="" error={create.error} />
      <ProblemMessage error={create.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('stores.create')}
        </button>
      </div>
    </form>
  );
}

const offsets: Record<string, string> = {
  'Asia/Jakarta': '+07:00',
  'Asia/Pontianak': '+07:00',
  'Asia/Makassar': '+08:00',
  'Asia/Jayapura': '+09:00',
};

function offsetOf(timezone: string): string {
  return offsets[timezone] ?? '+07:00';
}
