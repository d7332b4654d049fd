import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, data } from '../../api/client';
import type { components } from '../../api/schema';
import { useMe } from '../../auth/me';
import { formatRupiah, parseRupiah } from '../../format/money';
import { formatDateTime } from '../../format/time';
import { useTranslation } from '../../i18n/language';
import { TextField } from '../../ui/field';
import { ProblemMessage } from '../../ui/problem-message';
import { StorePicker } from '../../ui/store-picker';

type Variant = components['schemas']['ProductVariant'];

/**
 * One product: its variants with the price each has in a chosen store, a store's own price set or
 * cleared per variant, and the price history (company, variant and store levels).
 */
export function ProductDetail({ productId, onClose }: { productId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const stores = me.data?.stores ?? [];
  const [storeChoice, setStoreChoice] = useState<string>();
  const store = stores.find((option) => option.id === storeChoice) ?? stores[0];
  const product = useQuery({
    queryKey: ['products', 'detail', productId, store?.id],
    queryFn: () =>
      data(
        api.GET('/api/v1/products/{id}', {
          params: { path: { id: productId }, query: store ? { storeId: store.id } : {} },
        }),
      ),
  });
  const history = useQuery({
    queryKey: ['products', 'history', productId],
    queryFn: () =>
      data(
        api.GET('/api/v1/products/{id}/price-history', {
          params: { path: { id: productId }, query: { limit: 20 } },
        }),
      ),
  });

  return (
    <section className="panel" aria-labelledby="product-detail-title">
      <div className="panel-head">
        <h2 id="product-detail-title">{product.data?.name ?? '…'}</h2>
        <button type="button" onClick={onClose}>
          {t('productDetail.close')}
        </button>
      </div>
      <ProblemMessage error={product.error} />
      {stores.length > 0 ? (
        <StorePicker
          stores={stores}
          value={store?.id}
          onChange={setStoreChoice}
          label={t('productDetail.pricesIn')}
        />
      ) : null}
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('productDetail.variant')}</th>
              <th scope="col">SKU</th>
              <th scope="col" className="number">
                {t('productDetail.companyPrice')}
              </th>
              <th scope="col" className="number">
                {t('productDetail.storePrice')}
              </th>
              <th scope="col">{t('productDetail.setStorePrice')}</th>
            </tr>
          </thead>
          <tbody>
            {product.data?.variants.map((variant) => (
              <VariantRow
                key={`${variant.id}-${store?.id}`}
                productId={productId}
                variant={variant}
                companyPrice={variant.priceOverride ?? product.data.price}
                storeId={store?.id}
              />
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('productDetail.history')}</h3>
      <ProblemMessage error={history.error} />
      <ul className="incidents" data-testid="price-history">
        {history.data?.data.map((entry) => (
          <li key={entry.id}>
            <strong>{t(`productDetail.level.${entry.level}`)}</strong>
            {entry.storeId
              ? ` · ${stores.find((option) => option.id === entry.storeId)?.name ?? ''}`
              : ''}
            : {entry.oldPrice === null ? '–' : formatRupiah(entry.oldPrice)} →{' '}
            {entry.newPrice === null ? t('productDetail.cleared') : formatRupiah(entry.newPrice)}
            <div className="muted">
              {formatDateTime(entry.effectiveFrom, store?.timezone ?? 'Asia/Jakarta')}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function VariantRow({
  productId,
  variant,
  companyPrice,
  storeId,
}: {
  productId: string;
  variant: Variant;
  companyPrice: number;
  storeId: string | undefined;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [price, setPrice] = useState('');
  const hasStorePrice = storeId !== undefined && variant.price !== companyPrice;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['products'] });
  const path = { id: productId, variantId: variant.id, storeId: storeId ?? '' };
  const set = useMutation({
    mutationFn: () =>
      data(
        api.PUT('/api/v1/products/{id}/variants/{variantId}/store-prices/{storeId}', {
          params: { path },
          body: { price: parseRupiah(price) },
        }),
      ),
    onSuccess: async () => {
      setPrice('');
      await refresh();
    },
  });
  const clear = useMutation({
    mutationFn: () =>
      data(
        api.DELETE('/api/v1/products/{id}/variants/{variantId}/store-prices/{storeId}', {
          params: { path },
        }),
      ),
    onSuccess: refresh,
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    set.mutate();
  }
  return (
    <tr>
      <td>{variant.name}</td>
      <td>
        <code>{variant.sku}</code>
      </td>
      <td className="number">{formatRupiah(companyPrice)}</td>
      <td className="number" data-testid={`store-price-${variant.sku}`}>
        {formatRupiah(variant.price)}
      </td>
      <td>
        {storeId ? (
          <form className="inline-form" onSubmit={submit} noValidate>
            <TextField
              scope={`variant-${variant.id}`}
              label={t('productDetail.newStorePrice', { name: variant.name })}
              path="price"
              error={set.error}
              inputMode="numeric"
              value={price}
              onChange={(event) => setPrice(event.target.value)}
            />
            <button type="submit" disabled={set.isPending}>
              {t('productDetail.save')}
            </button>
            {hasStorePrice ? (
              <button type="button" onClick={() => clear.mutate()} disabled={clear.isPending}>
                {t('productDetail.clear')}
              </button>
            ) : null}
            <ProblemMessage error={set.error ?? clear.error} />
          </form>
        ) : null}
      </td>
    </tr>
  );
}
