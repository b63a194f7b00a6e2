import { describe, expect, it } from 'vitest';
import { sendToWhatsApp } from '../../bots/whatsapp/whatsapp-send.js';
import { FakeWhatsAppClient } from './fake-whatsapp-client.js';

describe('WhatsApp documents', () => {
  it('sends a document (a kuitansi PDF) as one media message with its type, file name and the text as caption', async () => {
    const client = new FakeWhatsAppClient();
    const bytes = new Uint8Array(Buffer.from('%PDF-1.3 kuitansi'));
    await sendToWhatsApp(client, '6281234500001@c.us', {
      text: 'Kuitansi pesanan PK-ABC234',
      document: { name: 'kuitansi-PK-ABC234.pdf', mime: 'application/pdf', bytes },
    });
    expect(client.sends).toHaveLength(1);
    const [sent] = client.sends;
    expect(sent!.text).toBe('Kuitansi pesanan PK-ABC234');
    expect(sent!.image).toMatchObject({ mimetype: 'application/pdf', filename: 'kuitansi-PK-ABC234.pdf' });
    expect(sent!.image!.bytes.toString()).toBe('%PDF-1.3 kuitansi');
  });
});
