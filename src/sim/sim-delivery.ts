import type { NotificationDelivery } from '../notify/delivery.js';
import { postToChatApi } from './chat-api.js';

/**
 * The direct driver's delivery: the notice itself goes to the simulated chat API, where the agents read
 * its template and order id. The engine driver renders it through the chat layer instead (engine-delivery.ts).
 */
export function createDirectDelivery(deps: { chatApiUrl: string }): NotificationDelivery {
  return {
    async deliver(n) {
      await postToChatApi(deps.chatApiUrl, { kind: 'notice', recipientPhone: n.recipientPhone, template: n.template, orderId: n.orderId });
      return { status: 'sent', channel: 'sim' };
    },
  };
}
