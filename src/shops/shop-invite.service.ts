import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { ChannelName } from '../chat/ports.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError } from '../shared/errors.js';
import {
  inviteCodeOf,
  replaceInviteCode,
  setInviteCodeIfMissing,
  shopByInviteCode,
  unreachableVerifiedShops,
} from './shop-invite.repository.js';

/** What opens the bot for a shop: the start parameter, `toko_` and the shop's random code. */
const PREFIX = 'toko_';
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * 80 random bits as 16 base32 letters: a guess hits one of 1,100 shops once in ~10^21 tries, so a shop's link
 * cannot be made from another's (a code derived from the shop's id or code could). Lower case only, so that
 * a person who types it from paper cannot get the case wrong; Telegram's start parameter allows it.
 */
function newCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/**
 * The start parameter a person sent, if any: a Telegram `/start` payload or web chat `?start=` as given, or a
 * word `toko_…` in a text (WhatsApp's wa.me link puts it in the first message). Loose on purpose: a forged or
 * mistyped one is then answered as invalid instead of passing for an ordinary message.
 */
export function inviteParamIn(text: string): string | null {
  const m = /(?:^|\s)(toko_[A-Za-z0-9_-]{1,60})(?=[\s.,!]|$)/.exec(text);
  return m ? m[1]! : null;
}

export interface ShopInvitation {
  shopId: number;
  shopCode: string;
  shopName: string;
  kelurahan: string | null;
  /** The start parameter of the shop's links. */
  param: string;
}

export interface ShopInviteService {
  /** Verified shops nobody can answer for (the listing's reachability rule), each with its invitation. */
  unreachable(p?: { shopId?: number; limit?: number }): Promise<ShopInvitation[]>;
  /** A new random code; the shop's old links stop working. Audited. */
  regenerate(shopId: number, actor: string): Promise<void>;
  /** The shop a start parameter names; undefined for a forged, old or suspended shop's one. */
  resolve(param: string): Promise<{ shopId: number; shopName: string } | undefined>;
}

export function createShopInviteService(deps: {
  db: Db;
  clock: Clock;
  /** The channels some process runs (Core.liveChannels); without it, or when it says null, any linked chat counts. */
  liveChannels?: () => Promise<ReadonlySet<ChannelName> | null>;
}): ShopInviteService {
  const { db, clock } = deps;

  async function codeOf(shopId: number, stored: string | null): Promise<string> {
    if (stored) return stored;
    await setInviteCodeIfMissing(db, shopId, newCode());
    return (await inviteCodeOf(db, shopId))!.invite_code!;
  }

  return {
    async unreachable(p = {}) {
      const live = deps.liveChannels ? await deps.liveChannels() : null;
      const rows = await unreachableVerifiedShops(db, {
        reachableOn: live ? [...live] : null,
        shopId: p.shopId,
        limit: p.limit ?? 500,
      });
      const out: ShopInvitation[] = [];
      for (const r of rows) {
        out.push({
          shopId: r.id,
          shopCode: r.code,
          shopName: r.name,
          kelurahan: r.kelurahan_name,
          param: PREFIX + (await codeOf(r.id, r.invite_code)),
        });
      }
      return out;
    },

    async regenerate(shopId, actor) {
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        if (!(await replaceInviteCode(trx, shopId, newCode(), at))) throw new NotFoundError('shop', shopId);
        // The code itself stays out of the log: it is what lets a shop's contact link.
        await recordAudit(trx, {
          actor,
          action: 'shop.invite.regenerate',
          entity: 'shop',
          entityId: shopId,
          after: { regenerated: true },
          at,
        });
      });
    },

    async resolve(param) {
      const p = param.trim().toLowerCase();
      if (!p.startsWith(PREFIX)) return undefined;
      const code = p.slice(PREFIX.length);
      if (!/^[a-z2-7]{16}$/.test(code)) return undefined;
      const shop = await shopByInviteCode(db, code);
      if (!shop || shop.status === 'suspended') return undefined;
      return { shopId: shop.id, shopName: shop.name };
    },
  };
}
