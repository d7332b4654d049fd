import { type DatedStoreSetting, roundingSteps, type StoreSettingsRow } from '../../db/schema';
import { ApiError, type FieldProblem } from '../../lib/errors';

/** The settings a sale is priced and dated with, as one value (a `store_settings` row's). */
export type DatedSettings = Pick<StoreSettingsRow, DatedStoreSetting>;

/**
 * Legal and practical limits of the dated settings, in basis points. PBJT (UU 1/2022, HKPD) is
 * at most 10 %, set per region; PPN is 12 % (11 % effective through DPP nilai lain), so a rate
 * above 12 % is a typing error.
 */
const taxRateLimits = { ppn: 1200, pbjt: 1000 } as const;

/**
 * What makes a set of settings invalid as a whole, each with the field it is about (under
 * `prefix`, e.g. `stores.0.`): PPN for a company that is not a PKP, a rate beyond its regime's
 * maximum or a rate without a regime, a rounding step coins cannot make.
 */
export function settingsProblems(
  settings: DatedSettings,
  company: { isPkp: boolean },
  prefix = '',
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const at = (path: string, code: string, message: FieldProblem['message']) =>
    problems.push({ path: `${prefix}${path}`, code, message });
  const { taxRegime, taxRateBasisPoints: rate } = settings;
  if (taxRegime === 'ppn' && !company.isPkp) {
    at('taxRegime', 'requires_pkp', { key: 'stores.ppnRequiresPkp' });
  }
  if (taxRegime === 'none' && rate !== 0) {
    at('taxRateBasisPoints', 'rate_without_regime', { key: 'stores.rateWithoutRegime' });
  }
  if (taxRegime !== 'none' && (rate < 1 || rate > taxRateLimits[taxRegime])) {
    at('taxRateBasisPoints', 'above_legal_maximum', {
      key: taxRegime === 'ppn' ? 'stores.ppnRateRange' : 'stores.pbjtRateRange',
      params: { maximum: taxRateLimits[taxRegime] / 100 },
    });
  }
  for (const step of ['cashRoundingStep', 'nonCashRoundingStep'] as const) {
    if (!(roundingSteps as readonly number[]).includes(settings[step])) {
      at(step, 'rounding_step', { key: 'stores.roundingStep' });
    }
  }
  return problems;
}

/** 422 with every field at fault, or nothing. */
export function assertValidSettings(problems: FieldProblem[]): void {
  if (problems.length === 0) return;
  throw new ApiError('UNPROCESSABLE', {
    detail: { key: 'request.validationFailed', params: { count: problems.length } },
    errors: problems,
  });
}
