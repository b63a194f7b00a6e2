import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../src/db/dialect.js';

// The whole first schema in one migration: every later change gets a migration of its own.
// Money is whole rupiah (INTEGER); times are ISO-8601 UTC strings; periods are 'YYYY-MM' in Asia/Jakarta.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('kecamatan')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('kelurahan')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('kecamatan_code', 'text', (c) => c.notNull().references('kecamatan.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  // Old KTP addresses use names that the 2025 list no longer has (see src/areas/data/SOURCE.md).
  await db.schema
    .createTable('kelurahan_alias')
    .addColumn('name_key', 'text', (c) => c.primaryKey())
    .addColumn('kelurahan_code', 'text', (c) => c.notNull().references('kelurahan.code'))
    .execute();

  await db.schema
    .createTable('agencies')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kelurahan_code', 'text', (c) => c.references('kelurahan.code'))
    .execute();

  await db.schema
    .createTable('quota_rules')
    .addColumn('position_class', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('min_monthly', 'integer', (c) => c.notNull().check(sql`min_monthly >= 0`))
    .execute();

  await db.schema
    .createTable('buyers')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('nip', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull().unique())
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('position_class', 'text', (c) => c.notNull().references('quota_rules.position_class'))
    .addColumn('domicile_kelurahan', 'text', (c) => c.references('kelurahan.code'))
    .addColumn('office_kelurahan', 'text', (c) => c.notNull().references('kelurahan.code'))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('buyers_agency').on('buyers').column('agency_id').execute();

  await db.schema
    .createTable('shops')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('kelontong','umkm','koperasi','swk')`))
    .addColumn('kelurahan_code', 'text', (c) => c.notNull().references('kelurahan.code'))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending','active','suspended')`),
    )
    .addColumn('is_open', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('payment_instructions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cap_override', 'integer', (c) => c.check(sql`cap_override is null or cap_override >= 0`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shops_kelurahan').on('shops').column('kelurahan_code').execute();

  await db.schema
    .createTable('shop_contacts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('shop_id', 'integer', (c) => c.notNull().references('shops.id'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner','helper')`))
    .addUniqueConstraint('shop_contacts_shop_phone', ['shop_id', 'phone'])
    .execute();
  await db.schema.createIndex('shop_contacts_phone').on('shop_contacts').column('phone').execute();

  await db.schema
    .createTable('products')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('shop_id', 'integer', (c) => c.notNull().references('shops.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('price', 'integer', (c) => c.notNull().check(sql`price > 0`))
    // NULL stock means the shopkeeper did not say: the product is available until marked out.
    .addColumn('stock', 'integer', (c) => c.check(sql`stock is null or stock >= 0`))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('photo_path', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('products_shop_name', ['shop_id', 'name_key'])
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('buyer_id', 'integer', (c) => c.notNull().references('buyers.id'))
    .addColumn('shop_id', 'integer', (c) => c.notNull().references('shops.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status in ('submitted','reserved','accepted','delivered','completed','refused','rejected','cancelled','expired')`,
        ),
    )
    .addColumn('total', 'integer', (c) => c.notNull().check(sql`total > 0`))
    .addColumn('fulfilment', 'text', (c) => c.notNull().check(sql`fulfilment in ('delivery','pickup')`))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('period', 'text')
    .addColumn('reason', 'text')
    .addColumn('paid_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('reserved_at', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('remind_at', 'text')
    .addColumn('expires_at', 'text')
    .execute();
  await db.schema.createIndex('orders_shop_status').on('orders').columns(['shop_id', 'status']).execute();
  await db.schema.createIndex('orders_buyer').on('orders').columns(['buyer_id', 'created_at']).execute();
  await db.schema.createIndex('orders_status_created').on('orders').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('orders_period').on('orders').columns(['period', 'status']).execute();

  await db.schema
    .createTable('order_items')
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('price', 'integer', (c) => c.notNull().check(sql`price > 0`))
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addPrimaryKeyConstraint('order_items_pk', ['order_id', 'line_no'])
    .execute();

  // Append-only: rows are never updated or deleted. `amount` is positive; `kind` gives its effect.
  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('hold','commit','release')`))
    .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('ledger_entries_step', ['order_id', 'account', 'kind'])
    .execute();
  await db.schema.createIndex('ledger_entries_account').on('ledger_entries').columns(['account', 'period']).execute();

  // A running sum of ledger_entries per account and month, written in the same transaction as each entry;
  // `peken ledger verify` recomputes it from the entries.
  await db.schema
    .createTable('ledger_balances')
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('held', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`held >= 0`),
    )
    .addColumn('committed', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`committed >= 0`),
    )
    .addPrimaryKeyConstraint('ledger_balances_pk', ['account', 'period'])
    .execute();

  // The balances follow the entries inside the database itself, in the statement that appends the entry: no
  // code path can write one without the other. Entries are append-only, enforced here too.
  if (dialectOf(db) === 'postgres') await ledgerTriggersPostgres(db);
  else await ledgerTriggersSqlite(db);

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('job_name', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text', (c) => c.notNull().unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('delay_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('dispatched_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['dispatched_at', 'id']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('recipient_phone', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.references('orders.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('queued')
        .check(sql`status in ('queued','sent','failed','unreachable')`),
    )
    .addColumn('channel', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}

async function ledgerTriggersSqlite(db: Kysely<unknown>): Promise<void> {
  await sql`create trigger ledger_entries_hold after insert on ledger_entries when new.kind = 'hold' begin
      insert into ledger_balances (account, period, held, committed) values (new.account, new.period, new.amount, 0)
        on conflict (account, period) do update set held = held + new.amount;
    end`.execute(db);
  await sql`create trigger ledger_entries_close after insert on ledger_entries when new.kind <> 'hold' begin
      update ledger_balances
        set held = held - new.amount, committed = committed + (case new.kind when 'commit' then new.amount else 0 end)
        where account = new.account and period = new.period;
    end`.execute(db);
  await sql`create trigger ledger_entries_no_update before update on ledger_entries begin
      select raise(abort, 'ledger entries are append-only');
    end`.execute(db);
  await sql`create trigger ledger_entries_no_delete before delete on ledger_entries begin
      select raise(abort, 'ledger entries are append-only');
    end`.execute(db);
}

/** The same rules on PostgreSQL: one plpgsql function per rule; TRUNCATE is refused too (it skips row triggers). */
async function ledgerTriggersPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`create function ledger_entries_apply() returns trigger language plpgsql as $$
    begin
      if new.kind = 'hold' then
        insert into ledger_balances (account, period, held, committed) values (new.account, new.period, new.amount, 0)
          on conflict (account, period) do update set held = ledger_balances.held + excluded.held;
      else
        update ledger_balances
          set held = held - new.amount, committed = committed + (case new.kind when 'commit' then new.amount else 0 end)
          where account = new.account and period = new.period;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger ledger_entries_apply after insert on ledger_entries
    for each row execute function ledger_entries_apply()`.execute(db);
  await sql`create function peken_append_only() returns trigger language plpgsql as $$
    begin raise exception '%', tg_argv[0]; end $$`.execute(db);
  await sql`create trigger ledger_entries_append_only before update or delete on ledger_entries
    for each row execute function peken_append_only('ledger entries are append-only')`.execute(db);
  await sql`create trigger ledger_entries_no_truncate before truncate on ledger_entries
    for each statement execute function peken_append_only('ledger entries are append-only')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'audit_log',
    'settings',
    'notifications',
    'outbox',
    'ledger_balances',
    'ledger_entries',
    'order_items',
    'orders',
    'products',
    'shop_contacts',
    'shops',
    'buyers',
    'quota_rules',
    'agencies',
    'kelurahan_alias',
    'kelurahan',
    'kecamatan',
  ]) {
    await db.schema.dropTable(t).execute();
  }
  if (dialectOf(db) === 'postgres') {
    await sql`drop function if exists ledger_entries_apply()`.execute(db);
    await sql`drop function if exists peken_append_only()`.execute(db);
  }
}
