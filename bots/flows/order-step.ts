import { InvalidTransitionError } from '../../src/orders/order.errors.js';
import type { Order } from '../../src/orders/order.service.js';
import { NotFoundError } from '../../src/shared/errors.js';
import { go, type FlowContext, type Outcome } from './context.js';
import type { State } from './session.js';

/**
 * Runs one order transition and phrases its domain errors: a transition that no longer applies (the
 * order moved on) tells the current status, a missing order says so. Anything else is a real failure.
 */
export async function orderStep(
  ctx: FlowContext,
  order: Order,
  next: State,
  run: () => Promise<string>,
): Promise<Outcome> {
  try {
    return go(next, await run());
  } catch (error) {
    if (error instanceof InvalidTransitionError) {
      const current = await ctx.services.orders.get(order.id);
      return go(next, ctx.t.orderAlready({ code: order.code, status: ctx.t.status[current?.status ?? order.status] }));
    }
    if (error instanceof NotFoundError) return go(next, ctx.t.orderNotFound);
    throw error;
  }
}
