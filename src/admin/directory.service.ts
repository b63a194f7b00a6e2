import type { Db } from '../db/database.js';
import { listKecamatan } from '../areas/area.repository.js';
import { findShop } from '../shops/shop.repository.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { ShopStatus } from '../shops/shop.table.js';
import {
  demoIdentities,
  demoLabel,
  listAgencies,
  listBuyers,
  listProducts,
  listShops,
  shopWithContacts,
} from './directory.repository.js';
import { assertBuyerInScope, rosterScope } from './opd-scope.js';
import type { Principal } from './principal.js';

/**
 * The read side of the admin's directory (roster, shops, products, the choices of a form) and the OPD scope
 * checks that need the database: what the API and the dashboard show, so that they never query themselves.
 */
export function createDirectoryService(deps: { db: Db; settings: SettingsService }) {
  const { db, settings } = deps;
  return {
    buyers: (p: { q?: string; agencyId?: number; period: string; limit: number; offset: number }) => listBuyers(db, p),
    /** Shops with the month's held and committed money against their cap (the default cap from the settings). */
    async shops(p: { q?: string; status?: ShopStatus; period: string; limit: number; offset: number }) {
      const defaultCap = await settings.get('shop_monthly_cap');
      return listShops(db, { ...p, defaultCap });
    },
    /** A shop with its contacts, or undefined. */
    shop: (shopId: number) => shopWithContacts(db, shopId),
    /** A shop's row alone, or undefined. */
    shopRow: (shopId: number) => findShop(db, shopId),
    products: (p: { shopId?: number; limit: number; offset: number }) => listProducts(db, p),
    agencies: () => listAgencies(db),
    kecamatan: () => listKecamatan(db),
    /** The demo people the web chat offers (phones in the unallocated 084 range). */
    demoIdentities: (limit?: number) => demoIdentities(db, limit),
    /** The name the web chat shows for one demo phone (the ASN, the contact's shop or the admin), if any. */
    demoLabel: (phone: string) => demoLabel(db, phone),
    /** The OPD code an opd_admin's roster import is limited to (undefined: no limit). */
    rosterScope: (p: Principal) => rosterScope(db, p),
    /** An opd_admin may edit only its own OPD's ASN, and may not move one to another OPD. */
    assertBuyerInScope: (p: Principal, buyerId: number, raw: unknown) => assertBuyerInScope(db, p, buyerId, raw),
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
