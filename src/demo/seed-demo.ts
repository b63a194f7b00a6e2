import { hasAuditAction, recordAudit } from '../audit/audit.repository.js';
import { kelurahanCodes } from '../areas/area.repository.js';
import type { Db } from '../db/database.js';
import { agencyIdByCode, findAdminByPhone, insertAdmin } from '../admin/admin-person.repository.js';
import { upsertChatLink } from '../chat/chat-link.repository.js';
import { webChatIdOf } from '../chat/web-chat-id.js';
import { hasAnyBuyer, insertAgencyIfAbsent } from '../people/buyer.repository.js';
import { upsertBuyer } from '../people/buyer-upsert.js';
import { insertProductIfAbsent } from '../shops/catalog.repository.js';
import { hasAnyShop, shopIdByCode } from '../shops/shop.repository.js';
import { upsertShop } from '../shops/shop-upsert.js';
import type { ShopKind } from '../shops/shop.table.js';
import type { Clock } from '../shared/clock.js';
import { seededRandom } from '../shared/random.js';
import { DEMO_AGENCIES, DEMO_PRODUCTS, FIRST_NAMES, LAST_NAMES, SHOP_WORDS } from './demo-catalog.js';

export interface DemoSummary {
  buyers: number;
  shops: number;
  products: number;
}

/**
 * Demo phone numbers, easy to type in the web chat: ASN +628410000001…, shop owners +628420000001….
 * They are in 084x because no Indonesian operator has that prefix (mobile numbers in use start 081x,
 * 082x, 083x, 085x, 087x, 088x, 089x): a demo database wired to a real WhatsApp gateway can never send a
 * broadcast or an order notice to a real person. The web chat accepts only this range (web-chat/routes.tsx).
 */
export const demoBuyerPhone = (n: number) => `+6284100${String(n).padStart(5, '0')}`;
export const demoShopPhone = (n: number) => `+6284200${String(n).padStart(5, '0')}`;
/** Demo dashboard people; their sign-in codes arrive in the web chat. */
export const DEMO_ADMINS = [
  { name: 'Admin Kota (demo)', phone: '+628430000001', role: 'admin' },
  { name: 'Pemantau Wali Kota (demo)', phone: '+628430000002', role: 'viewer' },
  { name: 'Admin OPD (demo)', phone: '+628430000003', role: 'opd_admin' },
] as const;

const CLASSES = [
  ['pimpinan', 2],
  ['camat', 3],
  ['eselon3', 10],
  ['eselon4', 25],
  ['fungsional', 60],
  ['pelaksana', 100],
] as const;
const KINDS: readonly ShopKind[] = ['kelontong', 'umkm', 'koperasi', 'swk'];

/**
 * A synthetic city on the real kecamatan and kelurahan: about 200 ASN across the OPDs and position
 * classes, 40 shops of each kind spread over the kelurahan, with realistic goods and prices. Deterministic.
 */
export async function seedDemo(
  db: Db,
  props: {
    clock: Clock;
    buyers?: number;
    shopsPerKind?: number;
    seed?: number;
    /**
     * Link every shop owner to their web chat (default true): a shop is listed only when someone can answer
     * for it, and in the demo that someone is whoever opens the owner's web chat, after the buyer (README).
     * The simulation links its shopkeepers itself.
     */
    linkOwners?: boolean;
  },
): Promise<DemoSummary> {
  const rnd = seededRandom(props.seed ?? 2021);
  const at = props.clock.now().toISOString();
  const kelurahan = await kelurahanCodes(db);
  const buyers = props.buyers ?? 200;
  const perKind = props.shopsPerKind ?? 40;
  return db.transaction().execute(async (trx) => {
    const classes = CLASSES.flatMap(([cls, weight]) => Array<string>(weight).fill(cls));
    for (const [code, name, office] of DEMO_AGENCIES) {
      await insertAgencyIfAbsent(trx, { code, name, kelurahanCode: office });
    }
    for (let i = 1; i <= buyers; i++) {
      const [code, name, office] = DEMO_AGENCIES[i % DEMO_AGENCIES.length]!;
      const birth = `19${rnd.int(65, 99)}${String(rnd.int(1, 12)).padStart(2, '0')}${String(rnd.int(1, 28)).padStart(2, '0')}`;
      await upsertBuyer(
        trx,
        {
          nip: `${birth}20${rnd.int(10, 22)}0${rnd.int(1, 2)}${rnd.int(1, 2)}${String(i).padStart(3, '0')}`.slice(
            0,
            18,
          ),
          name: `${rnd.pick(FIRST_NAMES)} ${rnd.pick(LAST_NAMES)}`,
          phone: demoBuyerPhone(i),
          agencyCode: code,
          agencyName: name,
          positionClass: rnd.pick(classes),
          // One in ten lives outside the city and shops near the office.
          domicileKelurahan: rnd.chance(0.1) ? null : rnd.pick(kelurahan),
          officeKelurahan: office,
        },
        at,
      );
    }
    let shops = 0;
    let products = 0;
    for (const kind of KINDS) {
      for (let j = 1; j <= perKind; j++) {
        shops++;
        const kel = kelurahan[(shops * 7) % kelurahan.length]!;
        const code = `${kind.slice(0, 3).toUpperCase()}-${String(j).padStart(3, '0')}`;
        await upsertShop(
          trx,
          {
            code,
            name: `${kind === 'swk' ? 'SWK' : kind === 'koperasi' ? 'Koperasi' : kind === 'umkm' ? 'UMKM' : 'Toko'} ${rnd.pick(SHOP_WORDS)} ${j}`,
            kind,
            kelurahanCode: kel,
            address: `Jl. Demo No. ${j}`,
            // No Bu/Pak guessed from a first name: the chat greets with a neutral "Kak" (format.ts).
            ownerName: `${rnd.pick(FIRST_NAMES)} ${rnd.pick(LAST_NAMES)}`,
            ownerPhone: demoShopPhone(shops),
            paymentInstructions: `Transfer BRI 0${rnd.int(100000000, 999999999)} a.n. pemilik, atau QRIS/tunai`,
            initialStatus: j % 20 === 0 ? 'pending' : 'active',
          },
          at,
        );
        const shopId = await shopIdByCode(trx, code);
        if (shopId === undefined) throw new Error(`demo shop ${code} vanished after its upsert`);
        if (props.linkOwners !== false) {
          const phone = demoShopPhone(shops);
          await upsertChatLink(trx, {
            channel: 'web',
            chatId: webChatIdOf(phone),
            phone,
            role: 'shop',
            shopId,
            at,
          });
        }
        for (const [name, unit, price] of DEMO_PRODUCTS[kind]) {
          if (!rnd.chance(0.8)) continue;
          await insertProductIfAbsent(trx, {
            shopId,
            name,
            nameKey: name,
            unit,
            price: Math.round((price * (0.9 + rnd.next() * 0.2)) / 500) * 500,
            stock: rnd.chance(0.5) ? rnd.int(5, 60) : null,
            at,
          });
          products++;
        }
      }
    }
    // Dashboard people, each with a web chat from the start: /login sends their code there. The opd_admin
    // is the first demo OPD's.
    const firstAgency = await agencyIdByCode(trx, DEMO_AGENCIES[0]![0]);
    for (const a of DEMO_ADMINS) {
      if (await findAdminByPhone(trx, a.phone)) continue;
      await insertAdmin(trx, {
        name: a.name,
        phone: a.phone,
        role: a.role,
        agencyId: a.role === 'opd_admin' ? firstAgency! : null,
        at,
      });
      await upsertChatLink(trx, {
        channel: 'web',
        chatId: webChatIdOf(a.phone),
        phone: a.phone,
        role: null,
        shopId: null,
        at,
      });
    }
    // The mark that this database is the demo city: the web chat opens to anyone only on such a database.
    await recordAudit(trx, {
      actor: 'demo',
      action: DEMO_SEEDED,
      entity: 'database',
      after: { buyers, shops, products },
      at,
    });
    return { buyers, shops, products };
  });
}

const DEMO_SEEDED = 'demo.seeded';

/** Whether the demo city was loaded into this database (then its people are synthetic, not real ASN). */
export async function isDemoCity(db: Db): Promise<boolean> {
  return hasAuditAction(db, DEMO_SEEDED);
}

/** Seeds the demo city only on a database without buyers and shops (a fresh machine). */
export async function seedDemoIfEmpty(db: Db, props: { clock: Clock }): Promise<DemoSummary | null> {
  const anyShop = await hasAnyShop(db);
  const anyBuyer = await hasAnyBuyer(db);
  if (anyShop || anyBuyer) return null;
  return seedDemo(db, props);
}
