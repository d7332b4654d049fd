import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, data } from '../../api/client';
import type { components } from '../../api/schema';
import { useTranslation } from '../../i18n/language';
import { SelectField, TextField } from '../../ui/field';
import { Refusal } from '../../ui/refusal';

type StockLevel = components['schemas']['StockLevel'];
type Change = 'adjustment' | 'receipt' | 'transfer' | 'count' | 'threshold';

interface StoreOption {
  id: string;
  name: string;
}

/**
 * One change to one variant's stock, as the API names it: an adjustment (± with a reason),
 * goods received (with the delivery note), a transfer to another store, a count (the quantity
 * found), or the minimum that raises the low-stock alert. Each is one API transaction, audited.
 */
export function StockChangeForm({
  store,
  stores,
  levels,
}: {
  store: StoreOption;
  stores: StoreOption[];
  levels: StockLevel[];
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [change, setChange] = useState<Change>('adjustment');
  const [variantId, setVariantId] = useState('');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const [toStoreId, setToStoreId] = useState('');
  const [done, setDone] = useState(false);
  const chosenVariant = variantId || levels[0]?.variantId || '';
  const otherStores = stores.filter((option) => option.id !== store.id);
  const destination = toStoreId || otherStores[0]?.id || '';
  const amount = Number(quantity);

  const save = useMutation({
    mutationFn: async () => {
      switch (change) {
        case 'adjustment':
          return data(
            api.POST('/api/v1/inventory/adjustments', {
              body: {
                storeId: store.id,
                reason,
                items: [{ variantId: chosenVariant, quantityDelta: amount }],
              },
            }),
          );
        case 'receipt':
          return data(
            api.POST('/api/v1/inventory/receipts', {
              body: {
                storeId: store.id,
                reference: reason,
                items: [{ variantId: chosenVariant, quantity: amount }],
              },
            }),
          );
        case 'transfer':
          return data(
            api.POST('/api/v1/inventory/transfers', {
              body: {
                fromStoreId: store.id,
                toStoreId: destination,
                reason,
                items: [{ variantId: chosenVariant, quantity: amount }],
              },
            }),
          );
        case 'count':
          return data(
            api.POST('/api/v1/inventory/counts', {
              body: {
                storeId: store.id,
                reason,
                items: [{ variantId: chosenVariant, countedQuantity: amount }],
              },
            }),
          );
        case 'threshold':
          return data(
            api.PUT('/api/v1/inventory/thresholds', {
              body: {
                storeId: store.id,
                items: [{ variantId: chosenVariant, minimumQuantity: amount }],
              },
            }),
          );
      }
    },
    onSuccess: async () => {
      setDone(true);
      setQuantity('');
      setReason('');
      await queryClient.invalidateQueries({ queryKey: ['stock'] });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    save.mutate();
  }

  const quantityPath =
    change === 'adjustment'
      ? 'items.0.quantityDelta'
      : change === 'count'
        ? 'items.0.countedQuantity'
        : change === 'threshold'
          ? 'items.0.minimumQuantity'
          : 'items.0.quantity';
  const reasonPath = change === 'receipt' ? 'reference' : 'reason';

  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="field-grid">
        <SelectField
          label={t('stock.changeKind')}
          path="change"
          value={change}
          onChange={(event) => setChange(event.target.value as Change)}
        >
          <option value="adjustment">{t('stock.changes.adjustment')}</option>
          <option value="receipt">{t('stock.changes.receipt')}</option>
          {otherStores.length > 0 ? (
            <option value="transfer">{t('stock.changes.transfer')}</option>
          ) : null}
          <option value="count">{t('stock.changes.count')}</option>
          <option value="threshold">{t('stock.changes.threshold')}</option>
        </SelectField>
        <SelectField
          label={t('stock.product')}
          path="items.0.variantId"
          error={save.error}
          value={chosenVariant}
          onChange={(event) => setVariantId(event.target.value)}
        >
          {levels.map((level) => (
            <option key={level.variantId} value={level.variantId}>
              {level.productName}
              {level.variantName !== level.productName ? ` · ${level.variantName}` : ''} (
              {level.sku})
            </option>
          ))}
        </SelectField>
        {change === 'transfer' ? (
          <SelectField
            label={t('stock.toStore')}
            path="toStoreId"
            error={save.error}
            value={destination}
            onChange={(event) => setToStoreId(event.target.value)}
          >
            {otherStores.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextField
          label={t(`stock.quantityLabels.${change}`)}
          path={quantityPath}
          error={save.error}
          inputMode="numeric"
          value={quantity}
          onChange={(event) => setQuantity(event.target.value)}
          required
        />
        {change === 'threshold' ? null : (
          <TextField
            label={change === 'receipt' ? t('stock.reference') : t('stock.reason')}
            path={reasonPath}
            error={save.error}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            required
          />
        )}
      </div>
      <Refusal
        error={save.error}
        shown={['items.0.variantId', 'toStoreId', quantityPath, reasonPath]}
      />
      {done ? (
        <p className="success" role="status">
          {t('stock.saved')}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending || levels.length === 0}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
