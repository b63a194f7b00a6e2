import { go, homeOf, type FlowContext, type Outcome } from './context.js';
import type { State } from './session.js';

/** Forms of address a recorded name may already start with: then that is the person's own choice. */
const HONORIFICS = /^(bu|ibu|pak|bapak|mbak|mas|cak|ning|kak|mbok|bude|pakde|bu\.|pak\.)$/i;

/**
 * How to address a person by their recorded name: "Bu Nyomi" as recorded when the name carries a form of
 * address (the recorded gender), else the name after a neutral "Kak" (Indonesian) or alone (English).
 * Never a Bu or Pak guessed from a first name.
 */
export function addressOf(name: string, language: 'id' | 'en'): string {
  const full = name.trim().replace(/\s+/g, ' ');
  if (full === '') return language === 'id' ? 'Kak' : 'there';
  const words = full.split(' ');
  if (words.length > 1 && HONORIFICS.test(words[0]!)) return full;
  return language === 'id' ? `Kak ${full}` : full;
}

const ADDRESS_WORDS = '(?:\\s+(?:bu|pak|mas|mbak|kak|min|admin|peken|bot|semua|ya|nggih))*';
const GREETING = new RegExp(
  `^(?:halo+|hal+o|hallo+|hai+|hi+|hello|helo|hey|assalamu.?alaikum(?:\\s+wr\\.?\\s*wb\\.?)?|salam|permisi|punten|(?:selamat\\s+)?(?:pagi|siang|sore|malam)|sugeng\\s+(?:enjing|siang|sonten|dalu)|good\\s+(?:morning|afternoon|evening))${ADDRESS_WORDS}[\\s!.,🙏]*$`,
  'iu',
);

export const isGreeting = (text: string): boolean => GREETING.test(text.trim());

/** Steps where any text is an answer (an address, a reason, payment details): a "halo" there is that answer. */
const TAKES_ANY_TEXT: ReadonlySet<State['step']> = new Set<State['step']>([
  'address',
  'reject_reason',
  'payment_info',
  'paid_receipt',
  'qris',
]);

/**
 * "halo", "permisi bu", "assalamualaikum": greet back by name with the menu (a new order's question stays
 * on screen instead), never "not understood".
 */
export async function greetBack(ctx: FlowContext, idle: boolean): Promise<Outcome | null> {
  const state = ctx.session.state;
  if (TAKES_ANY_TEXT.has(state.step)) return null;
  const who = await ctx.services.identity.lookup(ctx.phone);
  let name = '';
  if (who.kind === 'known') {
    const side = ctx.side;
    const contact = side.role === 'shop' ? who.shops.find((s) => s.shopId === side.shopId) : undefined;
    name = contact?.contactName ?? who.buyer?.name ?? who.shops[0]?.contactName ?? '';
  }
  // The menu, except under a question about an order, which stays on screen to be answered.
  const keep = !idle && (state.step === 'decide' || state.step === 'which_order' || state.step === 'received');
  return go(keep ? state : homeOf(ctx.side), ctx.t.hello({ name: addressOf(name, ctx.language) }));
}
