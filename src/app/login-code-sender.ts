import type { LoginCodeSender } from '../admin/login.service.js';
import type { NotificationDelivery } from '../notify/delivery.js';

/**
 * Sends a dashboard sign-in code straight through the chat delivery, to the admin's most recent chat on a
 * channel this process runs (Telegram, in-process WhatsApp, the web chat). Not through the notification
 * table and its queue: the code would be stored there in clear, and a code that does not arrive is simply
 * asked for again.
 */
export function loginCodeSender(delivery: NotificationDelivery): LoginCodeSender {
  return async (phone, code) => {
    const r = await delivery.deliver({
      id: 0,
      recipientPhone: phone,
      template: 'admin.login_code',
      params: { code },
      orderId: null,
    });
    return r.status === 'sent';
  };
}
