import { asksForMenu } from './buyer/typed-order.js';
import type { BuyerIdentity, ChatSide } from '../../src/people/identity.service.js';
import { act } from './actions.js';
import { go, homeOf, type FlowContext, type FlowServices, type Outcome } from './context.js';
import { onText, textFirst } from './free-text.js';
import { alwaysWord, resolveChoice } from './input.js';
import { cancelHere } from './cancel.js';
import { greetBack, isGreeting } from './greet.js';
import { greeting, tryLink } from './link.js';
import { byInvite } from './invite.js';
import type { InboundContent, InboundMessage, OutboundMessage } from '../../src/chat/ports.js';
import { backOf, show } from './screens.js';
import { freshSession, TIMELESS, type Session } from './session.js';
import { readPosting } from './shop/posting.js';
import { shopHoursCommand } from './shop/hours.js';
import { applyReplyTarget, askWhichOrder } from './shop/which-order.js';
import { paidByText, receiptPhoto } from './buyer/payment.js';
import { qrisFromPhoto, qrisFromText } from './shop/qris.js';
import { textsFor, type Language } from './texts/index.js';

/** The chat's session and language, read before and written after the message (by the engine). */
export interface Memo {
  session: Session | null;
  language: Language;
}

/** Moves to the outcome's step and renders its prompt, with the outcome's notes above it. */
async function present(ctx: FlowContext, outcome: Outcome): Promise<OutboundMessage> {
  ctx.session.state = outcome.next;
  const prompt = await show(ctx, outcome.next);
  ctx.session.options = prompt.options.map((o) => o.value);
  ctx.session.yesNo = prompt.yesNo ?? null;
  const text = [...outcome.notes, prompt.text].filter((x) => x !== '').join('\n\n');
  return prompt.options.length ? { text, options: prompt.options } : { text };
}

/** Not understood: say so briefly and offer the same options again. Never silence. */
async function reask(ctx: FlowContext): Promise<OutboundMessage> {
  const prompt = await show(ctx, ctx.session.state);
  ctx.session.options = prompt.options.map((o) => o.value);
  ctx.session.yesNo = prompt.yesNo ?? null;
  if (prompt.options.length) return { text: ctx.t.notUnderstood, options: prompt.options };
  return { text: `${ctx.t.notUnderstoodFree}\n\n${prompt.text}` };
}

function makeContext(
  services: FlowServices,
  m: InboundMessage,
  memo: Memo,
  phone: string,
  side: ChatSide,
  session: Session,
): FlowContext {
  let buyer: Promise<BuyerIdentity | undefined> | undefined;
  const ctx: FlowContext = {
    services,
    t: textsFor(memo.language),
    language: memo.language,
    channel: m.channel,
    chatId: m.chatId,
    messageId: m.messageId,
    phone,
    side,
    session,
    before: [],
    buyer: () => (buyer ??= services.identity.buyerOf(phone)),
    async shopId() {
      if (ctx.side.role === 'shop') return ctx.side.shopId;
      const who = await services.identity.lookup(phone);
      return who.kind === 'known' && who.shops.length === 1 ? who.shops[0]!.shopId : undefined;
    },
    setLanguage(language) {
      memo.language = language;
      ctx.language = language;
      ctx.t = textsFor(language);
    },
    setSide(s) {
      ctx.side = s;
    },
  };
  return ctx;
}

/** Handles one message for the engine; updates `memo` in place. */
export async function converse(p: {
  services: FlowServices;
  message: InboundMessage;
  memo: Memo;
  idle: boolean;
}): Promise<OutboundMessage[]> {
  const { services, message: m, memo } = p;
  const link = await services.identity.linkOf(m.channel, m.chatId);
  // A shop's invitation (issue 14), on a linked chat or not: it links only the shop's own contacts.
  const invited = await byInvite({
    services,
    t: textsFor(memo.language),
    language: memo.language,
    m,
    link,
    state: memo.session?.state ?? null,
  });
  if (invited.kind === 'reply') {
    if (invited.state) memo.session = freshSession(invited.state);
    return [invited.message];
  }
  if (invited.kind === 'linked') {
    memo.session = freshSession(homeOf(invited.side));
    const ctx = makeContext(services, m, memo, invited.phone, invited.side, memo.session);
    return [await present(ctx, go(homeOf(invited.side), invited.note))];
  }
  if (!link) {
    const attempt = await tryLink(services.identity, textsFor(memo.language), m);
    if (attempt.kind === 'reply') {
      memo.session = freshSession({ step: 'link' });
      return [attempt.message];
    }
    const side = attempt.result.side;
    memo.session = freshSession(homeOf(side));
    const ctx = makeContext(services, m, memo, attempt.phone, side, memo.session);
    return [await present(ctx, go(homeOf(side), greeting(ctx.t, attempt.result, ctx.language)))];
  }
  const home = homeOf(link.side);
  const session = memo.session ?? freshSession(home);
  memo.session = session;
  if (session.state.step === 'link') session.state = home;
  const ctx = makeContext(services, m, memo, link.phone, link.side, session);
  const idle = p.idle && !TIMELESS.has(session.state.step);
  const reply = await dispatch(ctx, m, idle);
  return [...ctx.before, reply];
}

/** "terima" / "tolak" typed at a new order's question, as the buttons are labelled. */
function decideWord(ctx: FlowContext, text: string): string | null {
  if (ctx.session.state.step !== 'decide' || ctx.session.options.length < 2) return null;
  const w = text
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/u, '');
  if (ctx.t.decideWords.accept.includes(w)) return ctx.session.options[0]!;
  if (ctx.t.decideWords.reject.includes(w)) return ctx.session.options[1]!;
  return null;
}

async function dispatch(ctx: FlowContext, m: InboundMessage, idle: boolean): Promise<OutboundMessage> {
  const { t, session } = ctx;
  const content: InboundContent = m.content;
  const home = homeOf(ctx.side);
  switch (content.kind) {
    case 'unsupported':
      return present(ctx, go(session.state, content.what === 'photo_too_large' ? t.photoTooLarge : t.unsupported));
    case 'contact':
      // Already linked: a contact card changes nothing; show where we are.
      return present(ctx, go(idle ? home : session.state));
    case 'photo': {
      const receipt = idle ? null : receiptPhoto(ctx, session.state, content.path);
      if (receipt) return present(ctx, await receipt);
      if ((await ctx.shopId()) === undefined) return present(ctx, go(idle ? home : session.state, t.unsupported));
      // A photo of the shop's QRIS sticker registers it (after the owner confirms); other photos are goods.
      const qris = await qrisFromPhoto(ctx, content.path);
      if (qris) return present(ctx, qris);
      return present(
        ctx,
        readPosting(t, content.caption, content.path) ?? go({ step: 'post', photoPath: content.path }),
      );
    }
    case 'option': {
      // Option values carry their own meaning, so a button still works after the session went idle.
      const state = idle ? home : session.state;
      session.state = state;
      const out = await act(ctx, content.value, state);
      return out ? present(ctx, out) : reask(ctx);
    }
    case 'text': {
      const word = alwaysWord(t, content.text);
      if (word) {
        switch (word) {
          case 'menu':
            return present(ctx, go(home));
          case 'cancel':
            return present(ctx, await cancelHere(ctx));
          case 'help':
            return present(ctx, go(home, ctx.side.role === 'shop' ? t.helpShop : t.helpBuyer));
          case 'back':
            return present(ctx, go(idle ? home : backOf(session.state, home)));
        }
      }
      // Issue 14: "tutup", "buka", "libur tanggal 17", "buka jam 7" from a shopkeeper, also after a long pause.
      const hours = await shopHoursCommand(ctx, content.text, idle);
      if (hours) return present(ctx, hours);
      // A reply to an order notice answers that order, whatever the chat showed since (and however long ago).
      const targeted = await applyReplyTarget(ctx, m.replyTo);
      // After a long pause a bare "1" may answer a question the person no longer sees: start over.
      if (idle && !targeted) return present(ctx, go(home, t.idleReset));
      const qris = await qrisFromText(ctx, content.text);
      if (qris) return present(ctx, qris);
      const value = textFirst(session.state, content.text)
        ? null
        : (resolveChoice(session, content.text) ?? decideWord(ctx, content.text));
      if (value !== null) {
        const which = targeted ? null : await askWhichOrder(ctx, session.state, value);
        if (which) return present(ctx, which);
        const out = await act(ctx, value, session.state);
        return out ? present(ctx, out) : reask(ctx);
      }
      const hello = isGreeting(content.text) ? await greetBack(ctx, false) : null;
      if (hello) return present(ctx, hello);
      const out =
        (await onText(ctx, session.state, content.text)) ?? (await paidByText(ctx, session.state, content.text));
      if (out) return present(ctx, out);
      // "halo", "menu", "min", "p" where the step has no use for them: the menu, not "Maaf, belum paham".
      return asksForMenu(content.text) ? present(ctx, go(home)) : reask(ctx);
    }
  }
}
