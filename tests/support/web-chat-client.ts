/** A web chat page as a test client sees it: the chat id and form token of one demo person's tab. */
export interface WebChatPage {
  chatId: string;
  csrf: string;
  phone: string;
}

export type WebChatContent = { kind: 'text'; text: string } | { kind: 'option'; value: string };

/** Opens a demo person's web chat page on a running server (`base`) and reads its chat id and form token. */
export async function openWebChat(base: string, phone: string): Promise<WebChatPage> {
  const html = await (await fetch(`${base}/chat?phone=${encodeURIComponent(phone)}`)).text();
  const chatId = /data-chat-id="([^"]+)"/.exec(html)?.[1];
  const csrf = /data-csrf="([^"]+)"/.exec(html)?.[1];
  if (!chatId || !csrf) throw new Error(`no chat page for ${phone}: ${html.slice(0, 200)}`);
  return { chatId, csrf, phone };
}

/** One message from the page through `/chat/api/send`, as the page posts it; the raw response. */
export function sendWebChat(base: string, page: WebChatPage, content: WebChatContent): Promise<Response> {
  return fetch(`${base}/chat/api/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': page.csrf },
    body: JSON.stringify({ chatId: page.chatId, phone: page.phone, content }),
  });
}
