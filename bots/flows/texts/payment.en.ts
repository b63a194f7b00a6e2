import { formatRupiah as rp } from '../../../src/shared/money.js';
import { waLink, type PaymentTexts } from './payment.id.js';

// Issue 13 (pay), in English: the same keys as payment.id.ts.
type P = Readonly<Record<string, string | number | null | undefined>>;
const s = (v: P[string]): string => (v === null || v === undefined ? '' : String(v));
const money = (v: P[string]): string => (typeof v === 'number' ? rp(v) : s(v));
const phoneLine = (label: string, phone: P[string]): string =>
  phone ? `${label}: ${s(phone)}${waLink(phone) ? ` (chat: ${waLink(phone)})` : ''}` : '';
const lines = (...xs: string[]): string => xs.filter((x) => x !== '').join('\n');

export const paymentEn: PaymentTexts = {
  askAddress:
    'Where should the order be delivered? Write the full address: street, number, RT/RW, landmark (e.g. Jl. Melati 5 RT 02/RW 03, green fence).',
  optLastAddress: (p: P) => `Last address: ${s(p.address).slice(0, 50)}`,
  addressEmpty:
    'For a delivery the shop needs a clear address; "-" is not one. Write the address, or go back and choose pickup.',
  addressTooShort: 'The address is not complete. Write the street and house number (e.g. Jl. Melati 5, green fence).',
  addressTooLong: 'An address is at most 300 characters. Please write a shorter one.',
  addressLine: (p: P) => `Deliver to: ${s(p.address)}`,
  pickupLine: 'Pickup at the shop (the shop’s address comes once the order is accepted).',

  acceptedWithBuyer: (p: P) =>
    lines(
      `Order ${s(p.code)} accepted. The buyer has been told.`,
      `Buyer: ${s(p.buyer)}`,
      phoneLine('Phone', p.phone),
      p.fulfilment === 'pickup'
        ? 'Picked up at the shop.'
        : `Deliver to: ${s(p.address) || '(no address: contact the buyer)'}`,
    ),
  buyerContactLines: (p: P) => lines(phoneLine('Buyer phone', p.phone), p.address ? `Deliver to: ${s(p.address)}` : ''),

  qrisCaption: (p: P) =>
    `QRIS ${s(p.merchant)}\nPay: ${money(p.total)}\nOrder ${s(p.code)}\nScan with any bank or e-wallet app.`,
  optPay: 'Pay',
  payHow: (p: P) => (p.payment ? `Other ways to pay this shop: ${s(p.payment)}` : ''),
  payNoQris: (p: P) => `This shop has no QRIS yet. How to pay: ${s(p.payment) || 'ask the shop (cash or transfer).'}`,
  payNotNow: (p: P) => `Order ${s(p.code)} is now: ${s(p.status)}; nothing to pay here.`,

  menuQris: 'Register the shop’s QRIS',
  askQris: 'Send a photo of the shop’s QRIS sticker (the one at the till), or paste its QRIS text here.',
  qrisCurrent: (p: P) => `Current QRIS: ${s(p.merchant)}, ${s(p.city)}.`,
  qrisConfirm: (p: P) => `Is this your shop’s QRIS: ${s(p.merchant)}, ${s(p.city)}?`,
  optQrisYes: 'Yes, save it',
  optQrisNo: 'No',
  qrisSaved: (p: P) =>
    `QRIS saved: ${s(p.merchant)}, ${s(p.city)}. For every order you accept, the buyer gets a QR for the exact amount.`,
  qrisNotSaved: 'All right, the QRIS was not saved. The shop’s QRIS is unchanged.',
  qrisOwnerOnly: 'Sorry, only the shop owner can change the shop’s QRIS.',
  qrisRefused: {
    empty: 'The QRIS text is empty. Send a photo of the QRIS sticker or paste its text.',
    not_emv: 'That is not a QRIS (perhaps a web address or another code). Send a photo of the shop’s QRIS sticker.',
    bad_crc:
      'That QRIS code is damaged: its check digits do not match (perhaps a copying mistake). Copy it again or send a photo of the sticker.',
    truncated: 'That QRIS text is cut short. Copy all of it, or send a photo of the sticker.',
    not_qris: 'That is a payment code, but not a QRIS. Send a photo of the shop’s QRIS sticker.',
    not_merchant:
      'That QRIS carries no shop data (name and city). Send the QRIS from the shop’s bank or QRIS provider.',
    bad_amount: 'The amount in that QRIS cannot be read. Send the shop’s static QRIS (the sticker), not a one-time QR.',
    dynamic:
      'That QRIS is for a single payment (it has an amount). We need the shop’s static QRIS: the sticker at the till.',
    too_large: 'The photo is too large. Send an ordinary phone-camera photo (under 10 MB).',
    not_image: 'That file cannot be opened as a photo. Send a photo of the QRIS sticker.',
    no_qr: 'I found no QR code in that photo. Take it closer and in good light, with the whole QR visible.',
  } as Record<string, string>,
  photoTooLarge: 'The photo is too large to read. Send an ordinary phone-camera photo (under 10 MB).',
};

export const acceptedNoticeEn = (p: P): string =>
  lines(
    `✅ Order ${s(p.code)} accepted by ${s(p.shop)}. Total ${money(p.total)}.`,
    p.payment ? `How to pay: ${s(p.payment)}` : '',
    '',
    `Shop: ${s(p.shop)}`,
    p.shopAddress || p.shopKelurahan
      ? `Address: ${[s(p.shopAddress), p.shopKelurahan ? `Kel. ${s(p.shopKelurahan)}` : ''].filter((x) => x).join(', ')}`
      : '',
    phoneLine('Shop phone', p.shopPhone),
    p.fulfilment === 'pickup'
      ? `Collect the order at: ${[s(p.shopAddress), p.shopKelurahan ? `Kel. ${s(p.shopKelurahan)}` : ''].filter((x) => x).join(', ') || s(p.shop)}`
      : p.address
        ? `Delivered to: ${s(p.address)}`
        : '',
  );
