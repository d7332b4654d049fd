import type { SaleLineModifier } from '../../db/schema';
import { ApiError } from '../../lib/errors';
import type { Message } from '../../lib/messages';

/** A modifier group a product offers, as a sale reads it (sale-lookups.ts: loadMenu). */
export interface MenuModifierGroup {
  id: string;
  name: string;
  minSelections: number;
  maxSelections: number;
  isActive: boolean;
  options: Array<{
    id: string;
    name: string;
    priceDelta: number;
    isActive: boolean;
    /** The variant whose stock the option takes, one per unit, if it tracks stock. */
    stockVariantId: string | null;
    stockTracked: boolean;
  }>;
}

export interface LineModifiers {
  modifiers: SaleLineModifier[];
  /** What the options add to each unit. */
  unitTotal: number;
  /** Rules an offline till broke that are flagged rather than refused. */
  flags: string[];
}

const unprocessable = (detail: Message) => new ApiError('UNPROCESSABLE', { detail });

/**
 * The options chosen for a line, checked against the groups its product offers: every option of
 * an attached live group (else 422, online and offline: it cannot be priced), active, and each
 * group's choices within its min and max (a required group left out is 0 chosen). Online a broken
 * rule is 422; offline the customer has paid, so an inactive option or a count outside the group's
 * range is accepted and flagged `modifier_not_valid` for review.
 */
export function resolveLineModifiers(
  product: string,
  groups: readonly MenuModifierGroup[],
  chosen: ReadonlyArray<{ optionId: string }>,
  offline: boolean,
  /** An offline sale's delta as of its moment (price history), when it differs from today's. */
  deltaThen: (optionId: string) => number | null = () => null,
): LineModifiers {
  const result: LineModifiers = { modifiers: [], unitTotal: 0, flags: [] };
  const broken = (detail: Message) => {
    if (!offline) throw unprocessable(detail);
    if (!result.flags.includes('modifier_not_valid')) result.flags.push('modifier_not_valid');
  };
  const counts = new Map<string, number>();
  for (const { optionId } of chosen) {
    const group = groups.find((candidate) =>
      candidate.options.some((option) => option.id === optionId),
    );
    const option = group?.options.find((candidate) => candidate.id === optionId);
    if (!group || !option) {
      throw unprocessable({ key: 'sales.modifierUnknown', params: { optionId, product } });
    }
    if (!option.isActive || !group.isActive) {
      broken({ key: 'sales.modifierInactive', params: { option: option.name, group: group.name } });
    }
    counts.set(group.id, (counts.get(group.id) ?? 0) + 1);
    const priceDelta = deltaThen(option.id) ?? option.priceDelta;
    result.modifiers.push({
      optionId: option.id,
      groupId: group.id,
      groupName: group.name,
      name: option.name,
      priceDelta,
      stockVariantId: option.stockTracked ? option.stockVariantId : null,
    });
    result.unitTotal += priceDelta;
  }
  for (const group of groups) {
    // An inactive group is not offered: nothing is required of it.
    if (!group.isActive) continue;
    const count = counts.get(group.id) ?? 0;
    if (count < group.minSelections || count > group.maxSelections) {
      broken({
        key: 'sales.modifierSelections',
        params: {
          product,
          group: group.name,
          min: group.minSelections,
          max: group.maxSelections,
          chosen: count,
        },
      });
    }
  }
  return result;
}
