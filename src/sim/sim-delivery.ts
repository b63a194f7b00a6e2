import type { NotificationDelivery } from '../notify/delivery.js';
import { postToChatApi } from './chat-api.js';

/**
 * A worker process's delivery, for both drivers: the notification goes to the simulation's process. With
 * the direct driver the bare notice reaches the agents; with the engine driver the chat layer there renders
 * it and sends it through the simulated chat channel (engine-driver.ts).
 */
export function createSimDelivery(deps: { chatApiUrl: string; driver: 'direct' | 'engine' }): NotificationDelivery {
  return {
    deliver: (n) =>
      postToChatApi(
        deps.chatApiUrl,
        deps.driver === 'engine'
          ? { kind: 'deliver', notification: n }
          : { kind: 'notice', recipientPhone: n.recipientPhone, template: n.template, orderId: n.orderId },
      ),
  };
}
