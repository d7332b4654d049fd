import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, data } from '../../api/client';
import type { operations } from '../../api/schema';
import { holds, useMe } from '../../auth/me';
import { formatCount, formatRupiah } from '../../format/money';
import { useTranslation } from '../../i18n/language';
import { fieldError, TextField } from '../../ui/field';
import { Refusal } from '../../ui/refusal';
import { lineName, type Sale } from './sale-query';

type RefundBody = operations['refundSale']['requestBody']['content']['application/json'];

/**
 * What a manager may do with a sale from the console: void it whole (sales.void) or refund some
 * of its lines (sales.refund). The console user acts on their own permission; the `approval`
 * of the body (a manager's PIN) is for a cashier at the till, so it is never sent from here.
 */
export function SaleActions({ sale, onDone }: { sale: Sale; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const canVoid =
    holds(me.data, 'sales.void') && sale.kind === 'sale' && sale.status === 'completed';
  const canRefund =
    holds(me.data, 'sales.refund') &&
    sale.kind === 'sale' &&
    (sale.status === 'completed' || sale.status === 'partially_refunded') &&
    sale.items.some((line) => line.refundedQuantity < line.quantity);
  if (!canVoid && !canRefund) return null;
  return (
    <div className="panels">
      {canVoid ? (
        <section className="panel" aria-labelledby="sale-void-title">
          <h3 id="sale-void-title">{t('sales.void')}</h3>
          <VoidForm sale={sale} onDone={onDone} />
        </section>
      ) : null}
      {canRefund ? (
        <section className="panel" aria-labelledby="sale-refund-title">
          <h3 id="sale-refund-title">{t('sales.refund')}</h3>
          <RefundForm sale={sale} onDone={onDone} />
        </section>
      ) : null}
    </div>
  );
}

/** After a void or refund: the sale (and its receipt), the lists and the day's figures. */
function useRefresh() {
  const queryClient = useQueryClient();
  return async (sale: Sale) => {
    queryClient.setQueryData(['sale', sale.id], sale);
    await Promise.all(
      [['sale', sale.id], ['sales'], ['today'], ['reports']].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    );
  };
}

function VoidForm({ sale, onDone }: { sale: Sale; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [reason, setReason] = useState('');
  const voidSale = useMutation({
    mutationFn: () =>
      data(
        api.POST('/api/v1/transactions/{id}/void', {
          params: { path: { id: sale.id } },
          body: { reason: reason.trim() },
        }),
      ),
    onSuccess: async (voided) => {
      onDone(t('sales.voided', { number: voided.number }));
      await refresh(voided);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    voidSale.mutate();
  }
  return (
    <form className="form" onSubmit={submit} noValidate>
      <p className="muted">{t('sales.voidHint')}</p>
      <TextField
        scope="void"
        label={t('sales.voidReason')}
        path="reason"
        error={voidSale.error}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        maxLength={500}
        required
      />
      <Refusal error={voidSale.error} shown={['reason']} />
      <div className="actions">
        <button type="submit" className="danger" disabled={voidSale.isPending}>
          {t('sales.voidSubmit')}
        </button>
      </div>
    </form>
  );
}

/** A typed quantity as the API reads it: digits are a number, anything else is refused there. */
function quantityOf(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

function RefundForm({ sale, onDone }: { sale: Sale; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const lines = sale.items.filter((line) => line.refundedQuantity < line.quantity);
  const [reason, setReason] = useState('');
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const refund = useMutation({
    mutationFn: (body: RefundBody) =>
      data(
        api.POST('/api/v1/transactions/{id}/refunds', {
          params: { path: { id: sale.id } },
          body,
        }),
      ),
    onSuccess: async (result) => {
      setReason('');
      setQuantities({});
      onDone(
        t('sales.refunded', {
          number: result.refund.number,
          amount: formatRupiah(result.refund.total),
        }),
      );
      await refresh(result.sale);
    },
  });

  // The API names a refused quantity by its place in the `items` that were sent
  // (items.0.quantity…), which skips the lines left empty: map each line to that place.
  const sentLines = refund.variables?.items.map((item) => item.lineNumber) ?? [];
  const pathOf = (lineNumber: number) => {
    const index = sentLines.indexOf(lineNumber);
    return index === -1 ? `line-${lineNumber}` : `items.${index}.quantity`;
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const items = lines
      .map((line) => ({ line, text: (quantities[line.lineNumber] ?? '').trim() }))
      .filter(({ text }) => text !== '' && text !== '0')
      .map(({ line, text }) => ({ lineNumber: line.lineNumber, quantity: quantityOf(text) }));
    refund.mutate({ reason: reason.trim(), items });
  }
  function fillAll() {
    setQuantities(
      Object.fromEntries(
        lines.map((line) => [line.lineNumber, String(line.quantity - line.refundedQuantity)]),
      ),
    );
  }
  const itemsError = fieldError(refund.error, 'items');

  return (
    <form className="form" onSubmit={submit} noValidate>
      <p className="muted">{t('sales.refundHint')}</p>
      <TextField
        scope="refund"
        label={t('sales.refundReason')}
        path="reason"
        error={refund.error}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        maxLength={500}
        required
      />
      <fieldset aria-describedby={itemsError ? 'refund-items-error' : undefined}>
        <legend>{t('sales.refundItems')}</legend>
        <div className="field-grid">
          {lines.map((line) => (
            <TextField
              key={line.id}
              scope={`refund-${line.lineNumber}`}
              label={t('sales.refundLine', { line: line.lineNumber, name: lineName(line) })}
              path={pathOf(line.lineNumber)}
              error={refund.error}
              hint={t('sales.refundRemaining', {
                sold: formatCount(line.quantity),
                refunded: formatCount(line.refundedQuantity),
                remaining: formatCount(line.quantity - line.refundedQuantity),
              })}
              type="number"
              inputMode="numeric"
              min={0}
              max={line.quantity - line.refundedQuantity}
              value={quantities[line.lineNumber] ?? ''}
              onChange={(event) =>
                setQuantities({ ...quantities, [line.lineNumber]: event.target.value })
              }
            />
          ))}
        </div>
        {itemsError ? (
          <p id="refund-items-error" className="field-error" role="alert">
            {itemsError}
          </p>
        ) : null}
        <div className="actions">
          <button type="button" onClick={fillAll}>
            {t('sales.refundAll')}
          </button>
        </div>
      </fieldset>
      <Refusal
        error={refund.error}
        shown={['reason', 'items', ...sentLines.map((_line, index) => `items.${index}.quantity`)]}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={refund.isPending}>
          {t('sales.refundSubmit')}
        </button>
      </div>
    </form>
  );
}
