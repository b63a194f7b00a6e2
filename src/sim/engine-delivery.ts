import type { Db } from '../db/database.js';
import type { NotificationDelivery } from '../notify/delivery.js';
import type { Clock } from '../shared/clock.js';

/** The engine driver's delivery: notices rendered by the chat layer and sent to the simulated chat API. */
export async function createEngineDelivery(_deps: { db: Db; clock: Clock; chatApiUrl: string }): Promise<NotificationDelivery> {
  throw new Error('the conversation engine (bots/flows) is not available yet: use --driver direct');
}
