import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, data } from '../../api/client';
import { parseRupiah } from '../../format/money';
import { useTranslation } from '../../i18n/language';
import { TextField } from '../../ui/field';
import { Refusal } from '../../ui/refusal';

interface OptionDraft {
  key: string;
  name: string;
  priceDelta: string;
}

const emptyOption = (): OptionDraft => ({ key: crypto.randomUUID(), name: '', priceDelta: '0' });

/** A modifier group (e.g. "Tambahan": extra shot +Rp5.000) with its options. */
export function ModifierGroupForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [maxSelections, setMaxSelections] = useState('1');
  const [options, setOptions] = useState<OptionDraft[]>([emptyOption()]);
  const [created, setCreated] = useState<string>();
  const create = useMutation({
    mutationFn: () =>
      data(
        api.POST('/api/v1/modifier-groups', {
          body: {
            name: name.trim(),
            minSelections: 0,
            maxSelections: Number(maxSelections),
            options: options.map((option) => ({
              name: option.name.trim(),
              priceDelta: parseRupiah(option.priceDelta),
            })),
          },
        }),
      ),
    onSuccess: async (group) => {
      setCreated(group.name);
      setName('');
      setOptions([emptyOption()]);
      await queryClient.invalidateQueries({ queryKey: ['modifier-groups'] });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    setCreated(undefined);
    create.mutate();
  }
  const shown = [
    'name',
    'maxSelections',
    ...options.flatMap((_option, at) => [`options.${at}.name`, `options.${at}.priceDelta`]),
  ];
  return (
    <form className="form" onSubmit={submit} noValidate>
      <TextField
        scope="modifier"
        label={t('modifiers.groupName')}
        path="name"
        error={create.error}
        value={name}
        onChange={(event) => setName(event.target.value)}
        required
      />
      <TextField
        scope="modifier"
        label={t('modifiers.maxSelections')}
        path="maxSelections"
        error={create.error}
        inputMode="numeric"
        value={maxSelections}
        onChange={(event) => setMaxSelections(event.target.value)}
      />
      {options.map((option, at) => (
        <fieldset key={option.key} className="inline-fields">
          <legend>{t('modifiers.option', { number: at + 1 })}</legend>
          <TextField
            scope="modifier"
            label={t('modifiers.optionName')}
            path={`options.${at}.name`}
            error={create.error}
            value={option.name}
            onChange={(event) =>
              setOptions(
                options.map((item, index) =>
                  index === at ? { ...item, name: event.target.value } : item,
                ),
              )
            }
          />
          <TextField
            scope="modifier"
            label={t('modifiers.priceDelta')}
            path={`options.${at}.priceDelta`}
            error={create.error}
            inputMode="numeric"
            value={option.priceDelta}
            onChange={(event) =>
              setOptions(
                options.map((item, index) =>
                  index === at ? { ...item, priceDelta: event.target.value } : item,
                ),
              )
            }
          />
        </fieldset>
      ))}
      <button type="button" onClick={() => setOptions([...options, emptyOption()])}>
        {t('modifiers.addOption')}
      </button>
      <Refusal error={create.error} shown={shown} />
      {created ? (
        <p className="success" role="status">
          {t('modifiers.created', { name: created })}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={create.isPending}>
        {t('modifiers.create')}
      </button>
    </form>
  );
}
