/** A delivery address is at most this long: a street, a number, a landmark. */
export const MAX_ADDRESS = 300;

export type AddressCheck = { ok: true; address: string } | { ok: false; reason: 'empty' | 'too_short' | 'too_long' };

/**
 * Whether a text can be where a delivery goes. "-", "rumah", "ok" or a lone number give a courier nothing to
 * find, so an address needs at least 8 characters with 2 letters and something besides (a number, a second
 * word). Spaces are squeezed; the rest is kept as the buyer wrote it.
 */
export function checkDeliveryAddress(text: string): AddressCheck {
  const address = text.replace(/\s+/g, ' ').trim();
  if (address === '' || /^[-–—.?!,]+$/.test(address)) return { ok: false, reason: 'empty' };
  if (address.length > MAX_ADDRESS) return { ok: false, reason: 'too_long' };
  const letters = (address.match(/\p{L}/gu) ?? []).length;
  if (address.length < 8 || letters < 2 || !/[\s\d]/.test(address)) return { ok: false, reason: 'too_short' };
  return { ok: true, address };
}
