import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type DragEvent, type FormEvent, useState } from 'react';
import { api, data } from '../../api/client';
import type { components } from '../../api/schema';
import { useTranslation } from '../../i18n/language';
import { SelectField, TextField } from '../../ui/field';
import { ProblemMessage } from '../../ui/problem-message';
import { Refusal } from '../../ui/refusal';

type Category = components['schemas']['Category'];

/** Siblings in their order (the tills show them so). */
function childrenOf(categories: Category[], parentId: string | null): Category[] {
  return categories
    .filter((category) => category.parentId === parentId)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'id'));
}

/**
 * The category tree: drag a category onto a sibling to put it there (or use its ↑/↓ buttons from
 * the keyboard); add one under any parent; delete an empty one. Each move saves the siblings
 * whose position changed, each with the version it was read at.
 */
export function Categories() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const categories = useQuery({
    queryKey: ['categories'],
    queryFn: () => data(api.GET('/api/v1/categories')),
  });
  const all = categories.data?.data ?? [];
  const [dragged, setDragged] = useState<string>();

  const reorder = useMutation({
    mutationFn: async (ordered: Category[]) => {
      for (const [index, category] of ordered.entries()) {
        const sortOrder = index + 1;
        if (category.sortOrder === sortOrder) continue;
        await data(
          api.PATCH('/api/v1/categories/{id}', {
            params: { path: { id: category.id } },
            body: { version: category.version, sortOrder },
          }),
        );
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['categories'] }),
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      data(api.DELETE('/api/v1/categories/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['categories'] }),
  });

  function move(category: Category, target: Category | number) {
    const siblings = childrenOf(all, category.parentId);
    const from = siblings.findIndex((item) => item.id === category.id);
    const to =
      typeof target === 'number'
        ? from + target
        : siblings.findIndex((item) => item.id === target.id);
    if (from < 0 || to < 0 || to >= siblings.length || from === to) return;
    const ordered = [...siblings];
    ordered.splice(from, 1);
    ordered.splice(to, 0, category);
    reorder.mutate(ordered);
  }

  function drop(event: DragEvent, target: Category) {
    event.preventDefault();
    event.stopPropagation();
    const source = all.find((category) => category.id === dragged);
    setDragged(undefined);
    if (source && source.parentId === target.parentId) move(source, target);
  }

  function renderLevel(parentId: string | null) {
    const level = childrenOf(all, parentId);
    if (level.length === 0) return null;
    return (
      <ul className="category-tree">
        {level.map((category, index) => (
          <li
            key={category.id}
            draggable
            onDragStart={(event) => {
              event.stopPropagation();
              setDragged(category.id);
            }}
            onDragOver={(event) => event.preventDefault()}
            onDrop={(event) => drop(event, category)}
            className={dragged === category.id ? 'dragging' : undefined}
            data-category={category.name}
          >
            <div className="category-row">
              <span className="drag-handle" aria-hidden="true">
                ⠿
              </span>
              <span className="category-name">{category.name}</span>
              <button
                type="button"
                className="icon"
                onClick={() => move(category, -1)}
                disabled={index === 0 || reorder.isPending}
                aria-label={t('categories.up', { name: category.name })}
              >
                ↑
              </button>
              <button
                type="button"
                className="icon"
                onClick={() => move(category, 1)}
                disabled={index === level.length - 1 || reorder.isPending}
                aria-label={t('categories.down', { name: category.name })}
              >
                ↓
              </button>
              <button
                type="button"
                className="icon"
                onClick={() => remove.mutate(category.id)}
                disabled={remove.isPending}
                aria-label={t('categories.delete', { name: category.name })}
              >
                ✕
              </button>
            </div>
            {renderLevel(category.id)}
          </li>
        ))}
      </ul>
    );
  }

  return (
    <div className="form">
      <ProblemMessage error={categories.error ?? reorder.error ?? remove.error} />
      {all.length === 0 && categories.isSuccess ? (
        <p className="muted">{t('categories.none')}</p>
      ) : null}
      <div data-testid="category-tree">{renderLevel(null)}</div>
      <p className="hint">{t('categories.dragHint')}</p>
      <NewCategoryForm categories={all} />
    </div>
  );
}

function NewCategoryForm({ categories }: { categories: Category[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const create = useMutation({
    mutationFn: () =>
      data(
        api.POST('/api/v1/categories', {
          body: {
            name: name.trim(),
            ...(parentId ? { parentId } : {}),
            sortOrder:
              categories.filter((category) => category.parentId === (parentId || null)).length + 1,
          },
        }),
      ),
    onSuccess: async () => {
      setName('');
      await queryClient.invalidateQueries({ queryKey: ['categories'] });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <form className="inline-fields form" onSubmit={submit} noValidate>
      <TextField
        scope="category"
        label={t('categories.name')}
        path="name"
        error={create.error}
        value={name}
        onChange={(event) => setName(event.target.value)}
        required
      />
      <SelectField
        scope="category"
        label={t('categories.parent')}
        path="parentId"
        error={create.error}
        value={parentId}
        onChange={(event) => setParentId(event.target.value)}
      >
        <option value="">{t('categories.root')}</option>
        {categories.map((category) => (
          <option key={category.id} value={category.id}>
            {'— '.repeat(category.depth)}
            {category.name}
          </option>
        ))}
      </SelectField>
      <Refusal error={create.error} shown={['name', 'parentId']} />
      <div className="actions">
        <button type="submit" disabled={create.isPending}>
          {t('categories.add')}
        </button>
      </div>
    </form>
  );
}
