import type { Generated, Selectable } from 'kysely';

export type ShopKind = 'kelontong' | 'umkm' | 'koperasi' | 'swk';
export type ShopStatus = 'pending' | 'active' | 'suspended';
export type ContactRole = 'owner' | 'helper';

export interface ShopTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: ShopKind;
  kelurahan_code: string;
  address: Generated<string>;
  status: Generated<ShopStatus>;
  is_open: Generated<number>;
  payment_instructions: Generated<string>;
  /** The shop's static QRIS payload (EMVCo text), or null; see migrations/0010. */
  qris: Generated<string | null>;
  cap_override: number | null;
  /** Opening hours 'HH:MM' WIB; null = the setting shop_hours_default. */
  opens_at: string | null;
  closes_at: string | null;
  /** One scheduled closure ("libur tanggal 17", "tutup sampai besok"), ISO instants; null = none. */
  closed_from: string | null;
  closed_until: string | null;
  /** The invitation's random code (migrations/0015); null until first needed. */
  invite_code: Generated<string | null>;
  created_at: string;
  updated_at: string;
}

export interface ShopContactTable {
  id: Generated<number>;
  shop_id: number;
  phone: string;
  name: string;
  role: ContactRole;
}

export interface ProductTable {
  id: Generated<number>;
  shop_id: number;
  name: string;
  name_key: string;
  unit: Generated<string>;
  price: number;
  stock: number | null;
  active: Generated<number>;
  photo_path: string | null;
  updated_at: string;
}

/** A shop as the repository returns it (one row of `shops`). */
export type Shop = Selectable<ShopTable>;
export type ShopContact = Selectable<ShopContactTable>;
