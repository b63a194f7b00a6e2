export { createReportService, NEAR_CAP, type ReportService } from './report.service.js';
export { createExports, EXPORT_KINDS, type ExportKind, type Exports } from './exports.js';
export { toCsv, toXlsx, type ExportTable } from './export-table.js';
export { orderSearchInput, type OrderSearch, type OrderListRow } from './order-search.js';
export type { BuyerComplianceRow, ComplianceRow, KecamatanSpendingRow, Overview, ShopCapRow } from './report.types.js';
