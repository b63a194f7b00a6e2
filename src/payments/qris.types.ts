/** Why a text is not a payable merchant QRIS; the chat layer words each one for people. */
export type QrisRefusal = 'empty' | 'not_emv' | 'bad_crc' | 'truncated' | 'not_qris' | 'not_merchant' | 'bad_amount';

/** A merchant-presented QRIS, as read from its payload. */
export interface Qris {
  /** The normalized text: trimmed, line breaks removed, checksum in uppercase hex. */
  payload: string;
  /** Tag 59. */
  merchantName: string;
  /** Tag 60. */
  merchantCity: string;
  /** Tag 54 in whole rupiah; null when static or absent. */
  amount: number | null;
  /** Point of initiation (tag 01) is '12': made for one payment. */
  dynamic: boolean;
  /** The QRIS National Merchant ID (sub-tag 02 of the ID.CO.QRIS.WWW template, usually tag 51), else null. */
  nmid: string | null;
}

export type QrisParse = { ok: true; qris: Qris } | { ok: false; reason: QrisRefusal; detail: string };
