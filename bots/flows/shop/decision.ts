import { parseDecision } from '../../../src/language/index.js';
import type { FlowContext, Outcome } from '../context.js';
import type { State } from '../session.js';
import { acceptOrder, askRejectReason, rejectOrder } from './orders.js';
import { askWhichOrder } from './which-order.js';

/**
 * A typed answer to a new order that is more than a bare yes or no: "siap, kirim habis maghrib" accepts
 * and passes the note to the buyer; "entek mbak" rejects with that reason. Null (the engine re-asks)
 * when the reply is unclear: a wrong yes would take an order the shop cannot serve.
 */
export async function readDecision(
  ctx: FlowContext,
  state: Extract<State, { step: 'decide' }>,
  text: string,
): Promise<Outcome | null> {
  const d = parseDecision(text);
  if (d === 'unclear') return null;
  const value = `${d.kind === 'yes' ? 'acc' : 'rej'}:${state.orderId}`;
  // With several orders waiting, which one is meant is asked, as for a bare "1".
  const which = await askWhichOrder(ctx, state, value);
  if (which) return which;
  if (d.kind === 'yes') return acceptOrder(ctx, state.orderId, d.note);
  return d.reason ? rejectOrder(ctx, state.orderId, d.reason) : askRejectReason(ctx, state.orderId);
}
