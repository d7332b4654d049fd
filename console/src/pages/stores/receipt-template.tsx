import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, data } from '../../api/client';
import type { components } from '../../api/schema';
import { useTranslation } from '../../i18n/language';
import { CheckboxField, TextAreaField, TextField } from '../../ui/field';
import { ProblemMessage } from '../../ui/problem-message';
import { Refusal } from '../../ui/refusal';
import { useDebounced } from '../../ui/use-debounced';

type ReceiptTemplate = components['schemas']['ReceiptTemplate'];

interface TemplateDraft {
  name: string;
  header: string;
  footer: string;
  showNpwp: boolean;
  showCashier: boolean;
  textTemplate: string;
  htmlTemplate: string;
}

function draftOf(template: ReceiptTemplate | undefined, storeName: string): TemplateDraft {
  return {
    name: template?.name ?? `Struk ${storeName}`,
    header: template?.header ?? '',
    footer: template?.footer ?? '',
    showNpwp: template?.showNpwp ?? true,
    showCashier: template?.showCashier ?? true,
    textTemplate: template?.textTemplate ?? '',
    htmlTemplate: template?.htmlTemplate ?? '',
  };
}

/** The optional Liquid templates: only sent when written, so the built-in layout stays otherwise. */
function layoutFields(draft: TemplateDraft) {
  return {
    ...(draft.textTemplate.trim() ? { textTemplate: draft.textTemplate } : {}),
    ...(draft.htmlTemplate.trim() ? { htmlTemplate: draft.htmlTemplate } : {}),
  };
}

/**
 * A store's receipt: header, footer, what it shows, and (for the adventurous) its Liquid layout,
 * with the API rendering a sample sale at 32 and 48 columns and as HTML while one types.
 */
export function ReceiptTemplateEditor({ store }: { store: { id: string; name: string } }) {
  const templates = useQuery({
    queryKey: ['receipt-templates'],
    queryFn: () => data(api.GET('/api/v1/receipt-templates')),
  });
  const current = templates.data?.data.find((template) => template.storeId === store.id);
  if (templates.isPending) return null;
  return (
    <>
      <ProblemMessage error={templates.error} />
      <TemplateForm key={store.id} store={store} current={current} />
    </>
  );
}

function TemplateForm({
  store,
  current,
}: {
  store: { id: string; name: string };
  current: ReceiptTemplate | undefined;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(current, store.name));
  const [width, setWidth] = useState<32 | 48>(32);
  const set = (changes: Partial<TemplateDraft>) => setDraft({ ...draft, ...changes });
  const previewed = useDebounced(draft, 400);
  const previewBody = {
    storeId: store.id,
    header: previewed.header,
    footer: previewed.footer,
    showNpwp: previewed.showNpwp,
    showCashier: previewed.showCashier,
    ...layoutFields(previewed),
  };
  const textPreview = useQuery({
    queryKey: ['receipt-preview', 'text', width, previewBody],
    queryFn: async () => {
      const { data: text } = await api.POST('/api/v1/receipt-templates/preview', {
        body: { ...previewBody, format: 'text', width },
        parseAs: 'text',
      });
      return text as unknown as string;
    },
    placeholderData: (previous) => previous,
  });
  const htmlPreview = useQuery({
    queryKey: ['receipt-preview', 'html', previewBody],
    queryFn: async () => {
      const { data: html } = await api.POST('/api/v1/receipt-templates/preview', {
        body: { ...previewBody, format: 'html' },
        parseAs: 'text',
      });
      return html as unknown as string;
    },
    placeholderData: (previous) => previous,
  });

  const save = useMutation({
    mutationFn: () => {
      const fields = {
        name: draft.name.trim(),
        header: draft.header,
        footer: draft.footer,
        showNpwp: draft.showNpwp,
        showCashier: draft.showCashier,
        ...layoutFields(draft),
      };
      return current
        ? data(
            api.PATCH('/api/v1/receipt-templates/{id}', {
              params: { path: { id: current.id } },
              body: { version: current.version, ...fields },
            }),
          )
        : data(api.POST('/api/v1/receipt-templates', { body: { storeId: store.id, ...fields } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['receipt-templates'] }),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  const previewError = textPreview.error ?? htmlPreview.error;

  return (
    <div className="template-editor">
      <form className="form" onSubmit={submit} noValidate>
        <p className="muted">{current ? t('receipt.storeTemplate') : t('receipt.inherited')}</p>
        <TextField
          scope="receipt"
          label={t('receipt.name')}
          path="name"
          error={save.error}
          value={draft.name}
          onChange={(event) => set({ name: event.target.value })}
          required
        />
        <TextAreaField
          scope="receipt"
          label={t('receipt.header')}
          path="header"
          error={save.error ?? previewError}
          rows={3}
          value={draft.header}
          onChange={(event) => set({ header: event.target.value })}
          hint={t('receipt.liquidHint')}
        />
        <TextAreaField
          scope="receipt"
          label={t('receipt.footer')}
          path="footer"
          error={save.error ?? previewError}
          rows={3}
          value={draft.footer}
          onChange={(event) => set({ footer: event.target.value })}
        />
        <CheckboxField
          scope="receipt"
          label={t('receipt.showNpwp')}
          path="showNpwp"
          error={save.error}
          checked={draft.showNpwp}
          onChange={(event) => set({ showNpwp: event.target.checked })}
        />
        <CheckboxField
          scope="receipt"
          label={t('receipt.showCashier')}
          path="showCashier"
          error={save.error}
          checked={draft.showCashier}
          onChange={(event) => set({ showCashier: event.target.checked })}
        />
        <details>
          <summary>{t('receipt.layout')}</summary>
          <TextAreaField
            scope="receipt"
            label={t('receipt.textTemplate')}
            path="textTemplate"
            error={save.error ?? previewError}
            rows={8}
            className="code"
            value={draft.textTemplate}
            onChange={(event) => set({ textTemplate: event.target.value })}
          />
          <TextAreaField
            scope="receipt"
            label={t('receipt.htmlTemplate')}
            path="htmlTemplate"
            error={save.error ?? previewError}
            rows={8}
            className="code"
            value={draft.htmlTemplate}
            onChange={(event) => set({ htmlTemplate: event.target.value })}
          />
        </details>
        <Refusal
          error={save.error}
          shown={[
            'name',
            'header',
            'footer',
            'showNpwp',
            'showCashier',
            'textTemplate',
            'htmlTemplate',
          ]}
        />
        {save.isSuccess ? (
          <p className="success" role="status">
            {t('common.saved')}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t('receipt.save')}
          </button>
        </div>
      </form>
      <div className="previews">
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('receipt.width')}</legend>
          {([32, 48] as const).map((columns) => (
            <label key={columns} className={columns === width ? 'active' : undefined}>
              <input
                type="radio"
                name="receipt-width"
                checked={columns === width}
                onChange={() => setWidth(columns)}
              />
              {t('receipt.columns', { columns })}
            </label>
          ))}
        </fieldset>
        <ProblemMessage error={previewError} />
        <figure className="receipt-figure">
          <figcaption className="visually-hidden">{t('receipt.textPreview')}</figcaption>
          <pre className="receipt-text" data-testid="receipt-preview-text">
            {textPreview.data ?? '…'}
          </pre>
        </figure>
        <iframe
          className="receipt-html"
          title={t('receipt.htmlPreview')}
          sandbox=""
          srcDoc={htmlPreview.data ?? ''}
        />
      </div>
    </div>
  );
}
