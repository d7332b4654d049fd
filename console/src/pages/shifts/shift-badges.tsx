import { formatRupiah } from '../../format/money';
import { useTranslation } from '../../i18n/language';

/** Counted − expected: short in red, over in amber, even in green, not counted yet in grey. */
export function differenceText(
  t: ReturnType<typeof useTranslation>['t'],
  difference: number | null,
): string {
  if (difference === null) return t('shifts.notCounted');
  if (difference === 0) return t('shifts.even');
  const amount = formatRupiah(Math.abs(difference));
  return difference < 0 ? t('shifts.short', { amount }) : t('shifts.over', { amount });
}

export function DifferenceBadge({ difference }: { difference: number | null }) {
  const { t } = useTranslation();
  const tone =
    difference === null
      ? 'neutral'
      : difference === 0
        ? 'ok'
        : difference < 0
          ? 'danger'
          : 'warning';
  return <span className={`badge ${tone}`}>{differenceText(t, difference)}</span>;
}

/** Terbuka, Ditutup, Ditutup paksa. */
export function ShiftStatusBadge({
  shift,
}: {
  shift: { status: 'open' | 'closed'; closure: 'counted' | 'forced' | null };
}) {
  const { t } = useTranslation();
  if (shift.status === 'open') return <span className="badge ok">{t('shifts.status.open')}</span>;
  if (shift.closure === 'forced')
    return <span className="badge warning">{t('shifts.forced')}</span>;
  return <span className="badge neutral">{t('shifts.status.closed')}</span>;
}

const flagKeys = {
  clock_skew: 'shifts.flag.clock_skew',
  over_limit_unapproved: 'shifts.flag.over_limit_unapproved',
  difference_unapproved: 'shifts.flag.difference_unapproved',
  force_closed: 'shifts.flag.force_closed',
} as const;

/** The flags a manager should look at (the API may add more: those show as they are named). */
export function ShiftFlags({ flags }: { flags: string[] }) {
  const { t } = useTranslation();
  return (
    <span className="flags">
      {flags.map((flag) => (
        <span key={flag} className="badge warning">
          {flag in flagKeys ? t(flagKeys[flag as keyof typeof flagKeys]) : flag}
        </span>
      ))}
    </span>
  );
}
