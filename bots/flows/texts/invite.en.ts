type P = Readonly<Record<string, string | number | null | undefined>>;
const s = (v: P[string]): string => (v === null || v === undefined ? '' : String(v));

/**
 * Texts of issue 14, item 2 (English): a shop's invitation (the bot opened with the shop's start parameter)
 * and the re-check at checkout. Spread into the catalog (en.ts).
 */
export const invite = {
  inviteWelcome: (p: P) =>
    `Welcome, ${s(p.shop)}! 🙏\nThis invitation links this chat to the shop, so that orders from civil servants reach you here.\nFor that we need your phone number.`,
  inviteInvalid:
    'Sorry, this invitation code is not valid (it may have been replaced). Ask the cooperatives office staff who gave you this invitation for a new one.',
  inviteWrongPhone: (p: P) =>
    `Sorry, the number ${s(p.phone)} is not recorded as the owner or a helper of ${s(p.shop)}, so this chat was not linked.\n• If you own the shop: open this invitation from the phone whose number was registered with the cooperatives office.\n• If you help at the shop: ask the owner or the cooperatives office to register your number as a helper.\nNothing was changed; contact the cooperatives office staff who gave you this invitation if you need help.`,
  inviteLinked: (p: P) =>
    `Thank you, ${s(p.name)}! This chat is now linked to ${s(p.shop)}. Civil servants can order from the shop, and orders will arrive here.`,
  placeShopUnavailable: (p: P) =>
    `Sorry, ${s(p.shop)} cannot take orders right now, so the order was not placed. Your cart is kept; try again later or choose another shop.`,
};
