import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, data } from '../../api/client';
import { parseRupiah } from '../../format/money';
import { useTranslation } from '../../i18n/language';
import { TextField } from '../../ui/field';
import { Refusal } from '../../ui/refusal';
import type { ShiftReport } from './shift-detail';

/**
 * Closing a shift left open on a lost or broken till (shifts.manage), from the console: a reason,
 * and the counted cash when someone counted the drawer. Audited and flagged force_closed.
 */
export function ForceCloseForm({
  shift,
  onDone,
}: {
  shift: ShiftReport['shift'];
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [counted, setCounted] = useState('');
  const forceClose = useMutation({
    mutationFn: () =>
      data(
        api.POST('/api/v1/shifts/{id}/force-close', {
          params: { path: { id: shift.id } },
          body: {
            reason: reason.trim(),
            ...(counted.trim() ? { countedCash: parseRupiah(counted) } : {}),
          },
        }),
      ),
    onSuccess: async (report) => {
      onDone(t('shifts.forceClosed', { device: report.shift.device.name }));
      queryClient.setQueryData(['shift', shift.id], report);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['shift', shift.id] }),
        queryClient.invalidateQueries({ queryKey: ['shifts'] }),
      ]);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    forceClose.mutate();
  }
  return (
    <form className="form" onSubmit={submit} noValidate>
      <p className="muted">{t('shifts.forceCloseHint')}</p>
      <TextField
        scope="force-close"
        label={t('shifts.forceReason')}
        path="reason"
        error={forceClose.error}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        maxLength={500}
        required
      />
      <TextField
        scope="force-close"
        label={t('shifts.forceCounted')}
        path="countedCash"
        error={forceClose.error}
        hint={t('shifts.forceCountedHint')}
        inputMode="numeric"
        value={counted}
        onChange={(event) => setCounted(event.target.value)}
      />
      <Refusal error={forceClose.error} shown={['reason', 'countedCash']} />
      <div className="actions">
        <button type="submit" className="danger" disabled={forceClose.isPending}>
          {t('shifts.forceSubmit')}
        </button>
      </div>
    </form>
  );
}
