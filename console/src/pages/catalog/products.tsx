import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createLazyRoute } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api, data } from '../../api/client';
import { formatRupiah, parseRupiah } from '../../format/money';
import { useTranslation } from '../../i18n/language';
import { CheckboxField, otherFieldErrors, SelectField, TextField } from '../../ui/field';
import { LoadMore } from '../../ui/load-more';
import { ProblemMessage } from '../../ui/problem-message';
import { useDebounced } from '../../ui/use-debounced';
import { Categories } from './categories';
import { ModifierGroupForm } from './modifier-group-form';
import { ProductDetail } from './product-detail';
import { ProductImport } from './product-import';

export const Route = createLazyRoute('/app/catalog')({ component: CatalogPage });

/** Owners and managers with catalog.manage: products (search, pages), new products, modifiers. */
function CatalogPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const term = useDebounced(search.trim());
  const products = useInfiniteQuery({
    queryKey: ['products', term],
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/v1/products', {
          params: {
            query: {
              limit: 25,
              ...(term ? { search: term } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows = products.data?.pages.flatMap((page) => page.data) ?? [];
  const [opened, setOpened] = useState<string>();

  return (
    <section aria-labelledby="catalog-title">
      <div className="page-head">
        <h1 id="catalog-title">{t('catalog.title')}</h1>
        <label className="inline">
          <span>{t('companies.search')}</span>
          <input
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder={t('catalog.searchHint')}
          />
        </label>
      </div>
      <div className="panels">
        <article className="panel">
          <h2>{t('catalog.newProduct')}</h2>
          <ProductForm />
        </article>
        <article className="panel">
          <h2>{t('catalog.newModifierGroup')}</h2>
          <ModifierGroupForm />
        </article>
      </div>
      <article className="panel">
        <h2>{t('categories.title')}</h2>
        <Categories />
      </article>
      <article className="panel">
        <h2>{t('import.title')}</h2>
        <ProductImport />
      </article>
      {opened ? (
        <ProductDetail key={opened} productId={opened} onClose={() => setOpened(undefined)} />
      ) : null}
      <article className="panel">
        <h2>{t('catalog.products')}</h2>
        <ProblemMessage error={products.error} />
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('catalog.name')}</th>
                <th scope="col">SKU</th>
                <th scope="col" className="number">
                  {t('catalog.price')}
                </th>
                <th scope="col">{t('catalog.variants')}</th>
                <th scope="col">{t('companies.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((product) => (
                <tr key={product.id}>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setOpened(product.id)}
                      aria-label={t('productDetail.open', { name: product.name })}
                    >
                      {product.name}
                    </button>
                  </td>
                  <td>
                    <code>{product.sku}</code>
                  </td>
                  <td className="number">{formatRupiah(product.price)}</td>
                  <td>{product.variants.map((variant) => variant.name).join(', ')}</td>
                  <td>
                    <span className={`badge ${product.isActive ? 'ok' : 'warning'}`}>
                      {product.isActive ? t('catalog.active') : t('catalog.inactive')}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {products.isSuccess && rows.length === 0 ? (
          <p className="muted">{t('catalog.none')}</p>
        ) : null}
        <LoadMore list={products} />
      </article>
    </section>
  );
}

/** A product with its price (and an optional category), then the modifier groups it offers. */
function ProductForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const categories = useQuery({
    queryKey: ['categories'],
    queryFn: () => data(api.GET('/api/v1/categories')),
  });
  const groups = useQuery({
    queryKey: ['modifier-groups'],
    queryFn: () => data(api.GET('/api/v1/modifier-groups')),
  });
  const [name, setName] = useState('');
  const [sku, setSku] = useState('');
  const [price, setPrice] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [tracksStock, setTracksStock] = useState(true);
  const [optionName, setOptionName] = useState('');
  const [optionValues, setOptionValues] = useState('');
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [created, setCreated] = useState<string>();

  const create = useMutation({
    mutationFn: async () => {
      const product = await data(
        api.POST('/api/v1/products', {
          body: {
            name: name.trim(),
            sku: sku.trim(),
            price: parseRupiah(price),
            tracksStock,
            ...(categoryId ? { categoryId } : {}),
            ...variantFields(sku.trim(), optionName, optionValues, tracksStock),
          },
        }),
      );
      if (groupIds.length > 0) {
        await data(
          api.PUT('/api/v1/products/{id}/modifier-groups', {
            params: { path: { id: product.id } },
            body: { groupIds },
          }),
        );
      }
      return product;
    },
    onSuccess: async (product) => {
      setCreated(product.name);
      setName('');
      setSku('');
      setPrice('');
      setGroupIds([]);
      setOptionName('');
      setOptionValues('');
      await queryClient.invalidateQueries({ queryKey: ['products'] });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setCreated(undefined);
    create.mutate();
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <TextField
        scope="product"
        label={t('catalog.name')}
        path="name"
        error={create.error}
        value={name}
        onChange={(event) => setName(event.target.value)}
        required
      />
      <TextField
        scope="product"
        label="SKU"
        path="sku"
        error={create.error}
        value={sku}
        onChange={(event) => setSku(event.target.value.toUpperCase())}
        required
      />
      <TextField
        scope="product"
        label={t('catalog.priceRupiah')}
        path="price"
        error={create.error}
        inputMode="numeric"
        hint={t('catalog.priceHint')}
        value={price}
        onChange={(event) => setPrice(event.target.value)}
        required
      />
      <SelectField
        scope="product"
        label={t('catalog.category')}
        path="categoryId"
        error={create.error}
        value={categoryId}
        onChange={(event) => setCategoryId(event.target.value)}
      >
        <option value="">{t('catalog.noCategory')}</option>
        {categories.data?.data.map((category) => (
          <option key={category.id} value={category.id}>
            {'— '.repeat(category.depth)}
            {category.name}
          </option>
        ))}
      </SelectField>
      <fieldset className="inline-fields">
        <legend>{t('productDetail.sizes')}</legend>
        <TextField
          scope="product"
          label={t('productDetail.optionName')}
          path="variantOptions"
          error={create.error}
          value={optionName}
          onChange={(event) => setOptionName(event.target.value)}
        />
        <TextField
          scope="product"
          label={t('productDetail.optionValues')}
          path="variants"
          error={create.error}
          value={optionValues}
          onChange={(event) => setOptionValues(event.target.value)}
        />
      </fieldset>
      <CheckboxField
        scope="product"
        label={t('catalog.tracksStock')}
        path="tracksStock"
        error={create.error}
        checked={tracksStock}
        onChange={(event) => setTracksStock(event.target.checked)}
      />
      {groups.data && groups.data.data.length > 0 ? (
        <fieldset>
          <legend>{t('catalog.modifierGroups')}</legend>
          {groups.data.data.map((group) => (
            <CheckboxField
              scope="product"
              key={group.id}
              label={`${group.name} (${group.options.map((option) => option.name).join(', ')})`}
              path={`group-${group.id}`}
              checked={groupIds.includes(group.id)}
              onChange={(event) =>
                setGroupIds(
                  event.target.checked
                    ? [...groupIds, group.id]
                    : groupIds.filter((id) => id !== group.id),
                )
              }
            />
          ))}
        </fieldset>
      ) : null}
      <ProblemMessage error={create.error} />
      {otherFieldErrors(create.error, ['name', 'sku', 'price', 'categoryId', 'tracksStock']).map(
        (message) => (
          <p key={message} className="field-error">
            {message}
          </p>
        ),
      )}
      {created ? (
        <p className="success" role="status">
          {t('catalog.created', { name: created })}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={create.isPending}>
        {t('catalog.createProduct')}
      </button>
    </form>
  );
}

/**
 * One variant option typed as a name and its values ("Ukuran": "Reguler, Besar") as the API wants
 * it: `variantOptions` and one variant per value, its SKU the product's with the value appended.
 */
function variantFields(
  sku: string,
  optionName: string,
  optionValues: string,
  tracksStock: boolean,
) {
  const name = optionName.trim();
  const values = [
    ...new Set(
      optionValues
        .split(',')
        .map((value) => value.trim())
        .filter(Boolean),
    ),
  ];
  if (!name || values.length === 0) return {};
  return {
    variantOptions: { [name]: values },
    variants: values.map((value) => ({
      optionValues: { [name]: value },
      sku: `${sku}-${value.toUpperCase().replace(/[^A-Z0-9]+/g, '')}`,
      tracksStock,
    })),
  };
}
