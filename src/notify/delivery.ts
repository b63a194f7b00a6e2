/**
 * The port through which the notify worker hands a recorded notification to the chat layer (bots/flows),
 * which finds the person's chat, renders the text in their language and sends it.
 */
export interface NotificationToDeliver {
  id: number;
  recipientPhone: string;
  template: string;
  params: Record<string, string | number | null>;
  orderId: string | null;
}

export type DeliveryResult = { status: 'sent'; channel: string } | { status: 'unreachable' };

export interface NotificationDelivery {
  deliver(n: NotificationToDeliver): Promise<DeliveryResult>;
}

/** Without any chat channel (tests, benchmarks, a server-only process) a notification has nowhere to go. */
export const noDelivery: NotificationDelivery = {
  deliver: async () => ({ status: 'unreachable' }),
};
