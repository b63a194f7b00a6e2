import type { AdminPeopleTables } from '../admin/admin-person.table.js';
import type { ApiTokenTable } from '../admin/api-token.table.js';
import type { KecamatanTable, KelurahanAliasTable, KelurahanTable } from '../areas/area.table.js';
import type { AuditLogTable } from '../audit/audit.table.js';
import type { BroadcastTables } from '../broadcasts/broadcast.table.js';
import type { ChatTables } from '../chat/chat.table.js';
import type { LedgerBalanceTable, LedgerEntryTable } from '../ledger/ledger.table.js';
import type { NotificationTable } from '../notify/notification.table.js';
import type { OrderItemTable, OrderRequestTable, OrderTable } from '../orders/order.table.js';
import type { OrderEventTable } from '../orders/order-event.table.js';
import type { OutboxTable } from '../outbox/outbox.table.js';
import type { ImportUploadTable } from '../imports/import-upload.table.js';
import type { AgencyTable, BuyerTable, QuotaRuleChangeTable, QuotaRuleTable } from '../people/people.table.js';
import type { SettingTable } from '../settings/settings.table.js';
import type { ProductTable, ShopContactTable, ShopTable } from '../shops/shop.table.js';

/** Every table, as Kysely sees it. Each feature owns its row types in its own `*.table.ts`. */
export interface DB extends ChatTables, BroadcastTables, AdminPeopleTables {
  kecamatan: KecamatanTable;
  kelurahan: KelurahanTable;
  kelurahan_alias: KelurahanAliasTable;
  agencies: AgencyTable;
  quota_rules: QuotaRuleTable;
  quota_rule_changes: QuotaRuleChangeTable;
  buyers: BuyerTable;
  shops: ShopTable;
  shop_contacts: ShopContactTable;
  products: ProductTable;
  orders: OrderTable;
  order_items: OrderItemTable;
  order_requests: OrderRequestTable;
  order_events: OrderEventTable;
  ledger_entries: LedgerEntryTable;
  ledger_balances: LedgerBalanceTable;
  outbox: OutboxTable;
  notifications: NotificationTable;
  settings: SettingTable;
  audit_log: AuditLogTable;
  api_tokens: ApiTokenTable;
  import_uploads: ImportUploadTable;
}
