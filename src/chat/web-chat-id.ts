/**
 * The web chat's chat id for a (demo) phone: one chat per phone, like one WhatsApp chat per number, so that a
 * notice sent before the person opened the page waits in that chat's inbox, and the demo city can link its
 * shop owners before anyone opens a tab (src/demo/seed-demo.ts).
 */
export const webChatIdOf = (phone: string): string => `web-${phone.replace(/\D/g, '')}`;
