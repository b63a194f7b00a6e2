import { ManualClock } from '../../src/shared/clock.js';
import { createOrderService } from '../../src/orders/order.service.js';
import { createSettingsService } from '../../src/settings/settings.service.js';
import type { Db } from '../../src/db/database.js';

/** The domain services over a test database, with a clock the test moves. */
export function domainServices(db: Db, at = '2026-11-10T03:00:00.000Z') {
  const clock = new ManualClock(at);
  const settings = createSettingsService({ db, clock });
  const orders = createOrderService({ db, clock, settings });
  return { clock, settings, orders };
}
