export { createReportService, NEAR_CAP, type ReportService } from './report.service.js';
export {
  EXPORT_FORMATS,
  EXPORT_KINDS,
  exportPlan,
  type ExportFormat,
  type ExportKind,
  type ExportPlan,
  type ExportRequest,
} from './exports.js';
export { createExportRunner, ExportsBusyError, type ExportFile, type ExportRunner } from './export-runner.js';
export { orderSearchInput, type OrderSearch, type OrderListRow } from './order-search.js';
export type { BuyerComplianceRow, ComplianceRow, KecamatanSpendingRow, Overview, ShopCapRow } from './report.types.js';
