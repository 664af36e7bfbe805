/**
 * The rules a shopper action must follow to be counted: the detail of its type is present, the
 * item it concerns is named, and its numbers make sense. Analytics built on a purchase without a
 * quantity or a click at position 0 would be quietly wrong, so such events are rejected instead.
 */
import type { UserActivity } from '../../../schemas/types.generated.ts';

function requireItem(activity: UserActivity, problems: string[]): void {
  if (activity.itemId === null || activity.itemId.trim() === '') {
    problems.push(`itemId must be set for ${activity.type}, got ${JSON.stringify(activity.itemId)}`);
  }
}

/**
 * Every problem of an action, one message each naming the field and the value; empty when the
 * action is fine. PAGE_VIEW needs nothing, and UNKNOWN (a type newer than this code) is not judged.
 *
 * @example
 * activityProblems({ ...activity, type: 'ADD_TO_CART', itemId: null, cart: { quantity: 0 } });
 * // ['itemId must be set for ADD_TO_CART, got null', 'cart.quantity must be positive, got 0']
 */
export function activityProblems(activity: UserActivity): string[] {
  const problems: string[] = [];
  switch (activity.type) {
    case 'SEARCH':
      if (activity.search === null) problems.push('search must be set for SEARCH');
      else if (!(activity.search.resultCount >= 0)) {
        problems.push(`search.resultCount must not be negative, got ${activity.search.resultCount}`);
      }
      break;
    case 'CLICK':
      if (activity.click === null) problems.push('click must be set for CLICK');
      requireItem(activity, problems);
      if (activity.click !== null && !(activity.click.position >= 1)) {
        problems.push(`click.position must be 1 or more, got ${activity.click.position}`);
      }
      break;
    case 'ADD_TO_CART':
      if (activity.cart === null) problems.push('cart must be set for ADD_TO_CART');
      requireItem(activity, problems);
      if (activity.cart !== null && !(activity.cart.quantity > 0)) {
        problems.push(`cart.quantity must be positive, got ${activity.cart.quantity}`);
      }
      break;
    case 'PURCHASE':
      if (activity.purchase === null) problems.push('purchase must be set for PURCHASE');
      requireItem(activity, problems);
      if (activity.purchase !== null && !(activity.purchase.quantity > 0)) {
        problems.push(`purchase.quantity must be positive, got ${activity.purchase.quantity}`);
      }
      break;
    case 'PAGE_VIEW':
    case 'UNKNOWN':
      break;
  }
  return problems;
}
