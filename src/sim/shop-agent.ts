import { seededRandom, type Random } from '../shared/random.js';
import type { SimShop } from './city.js';
import type { SimDriver } from './driver.js';
import type { EventLoop } from './event-loop.js';
import { HOUR, MINUTE } from './virtual-time.js';

type Habit = 'prompt' | 'slow' | 'absent';

export interface ShopOutcomes {
  lateAnswers: number;
  /** Issue 14: accepted orders the shop never delivered, and delivered ones whose payment was never confirmed. */
  neverDelivered: number;
  neverPaid: number;
}

/**
 * One shopkeeper: a habit drawn once (most answer within minutes, some take hours and answer after the
 * reminder or too late, a few never open the chat), an occasional refusal ("stok habis"), then delivery and
 * the payment check some hours later. Orders are answered from the notices the chat delivers, so a notice
 * lost or late is an order answered late.
 */
export function createShopAgent(deps: {
  shop: SimShop;
  seed: number;
  loop: EventLoop;
  driver: SimDriver;
  outcomes: ShopOutcomes;
  /** Issue 14: the share of shops that accept and never deliver, and of delivered orders never confirmed paid. */
  lapses: { neverDelivers: number; neverPaid: number };
  /** The buyer confirms receipt instead of the shop marking delivered (both are real paths). */
  buyerConfirms: (orderId: string, rnd: Random) => Promise<boolean>;
  onAnswered: (orderId: string, accepted: boolean) => void;
}) {
  const { shop, loop, driver } = deps;
  const rnd = seededRandom(deps.seed * 4_000_037 + shop.id * 104_729);
  const u = rnd.next();
  const habit: Habit = u < 0.75 ? 'prompt' : u < 0.94 ? 'slow' : 'absent';
  const rejectRate = 0.03 + rnd.next() * 0.07;
  const seen = new Set<string>();
  const answered = new Set<string>();
  // Issue 14: drawn from their own stream, so that the habits above stay what they were for a seed. A shop in
  // twenty accepts and never delivers; one order in twenty is delivered and its payment never confirmed
  // (the defaults of --never-delivers and --never-paid).
  const lapses = seededRandom(deps.seed * 7_000_003 + shop.id * 15_485_863);
  const neverDelivers = lapses.chance(deps.lapses.neverDelivers);

  function answerAt(at: number, orderId: string): void {
    loop.at(at, async () => {
      if (answered.has(orderId)) return;
      answered.add(orderId);
      if (rnd.chance(rejectRate)) {
        const ok = await driver.reject(
          shop,
          orderId,
          rnd.pick(['stok habis', 'mboten wonten barang', 'toko tutup hari ini']),
          rnd,
        );
        if (!ok) await tooLate(at, orderId);
        else deps.onAnswered(orderId, false);
        return;
      }
      if (!(await driver.accept(shop, orderId, rnd))) {
        await tooLate(at, orderId);
        return;
      }
      deps.onAnswered(orderId, true);
      fulfil(at, orderId);
    });
  }

  /**
   * The answer did not take: mostly the order had expired. But a bare "1" typed under another notice can
   * have accepted this order already (the chat had moved to it); the shopkeeper sees it accepted in the
   * order list and delivers it, so no accepted order is left open.
   */
  async function tooLate(at: number, orderId: string): Promise<void> {
    deps.outcomes.lateAnswers++;
    if ((await driver.orderStatus(orderId)) === 'accepted') fulfil(at, orderId);
  }

  function fulfil(acceptedAt: number, orderId: string): void {
    // The accepted order's deadlines remind this shop, ask the buyer (who does not answer), then expire it.
    if (neverDelivers) {
      deps.outcomes.neverDelivered++;
      return;
    }
    const neverPaid = lapses.chance(deps.lapses.neverPaid);
    const deliveredAt = acceptedAt + rnd.int(20, 8 * 60) * MINUTE;
    const paidAt = deliveredAt + rnd.int(5, 12 * 60) * MINUTE;
    const paidFirst = rnd.chance(0.2);
    const buyerConfirms = rnd.chance(0.3);
    // When the buyer's confirmation does not take (their chat had moved on, or they never learnt the
    // order's code), the shopkeeper marks it delivered, as they would when the buyer stays silent.
    const deliver = async () => {
      if (buyerConfirms && (await deps.buyerConfirms(orderId, rnd))) return true;
      return driver.markDelivered(shop, orderId, rnd);
    };
    loop.at(deliveredAt, async () => {
      if (paidFirst && !neverPaid) await driver.confirmPaid(shop, orderId, rnd);
      await deliver();
    });
    // Never paid: the delivered order's deadlines remind both, then put it on the admins' review list.
    if (neverPaid) deps.outcomes.neverPaid++;
    else if (!paidFirst) loop.at(paidAt, async () => void (await driver.confirmPaid(shop, orderId, rnd)));
  }

  return {
    shop,
    habit,
    /** Issue 14's lapse: this shopkeeper accepts and never delivers, so no order of theirs ever completes. */
    neverDelivers,
    /** The `order.new` notice reached the shop's chat. A repeat of it (a retried send) changes nothing. */
    noticed(orderId: string, now: number): void {
      if (seen.has(orderId)) return;
      seen.add(orderId);
      if (habit === 'prompt') answerAt(now + rnd.int(1, 45) * MINUTE, orderId);
      else if (habit === 'slow') answerAt(now + rnd.int(20, 4 * 60) * MINUTE, orderId);
      else if (rnd.chance(0.2)) answerAt(now + rnd.int(2, 6) * HOUR, orderId);
    },
    /** The reminder nudges a slow shopkeeper into answering soon. */
    reminded(orderId: string, now: number): void {
      if (answered.has(orderId) || habit !== 'slow' || !rnd.chance(0.6)) return;
      answerAt(now + rnd.int(1, 20) * MINUTE, orderId);
    },
  };
}
export type ShopAgent = ReturnType<typeof createShopAgent>;
