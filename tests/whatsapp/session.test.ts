import { describe, expect, it } from 'vitest';
import {
  createWhatsAppSession,
  WhatsAppNotReadyError,
  type WhatsAppSessionDeps,
  type WhatsAppMessagePort,
  type WhatsAppSessionState,
} from '../../bots/whatsapp/index.js';
import { FakeWhatsAppClient, fakeMessage } from './fake-whatsapp-client.js';
import { ManualTimers, flush, recordingLogger } from './support.js';

function setup(options: Partial<WhatsAppSessionDeps> = {}) {
  const clients: FakeWhatsAppClient[] = [];
  const timers = new ManualTimers();
  const printed: string[] = [];
  const states: WhatsAppSessionState[] = [];
  let failInitialize = 0;
  const session = createWhatsAppSession({
    createClient: () => {
      const client = new FakeWhatsAppClient();
      if (failInitialize > 0) {
        failInitialize--;
        client.initializeError = new Error('Failed to launch the browser process');
      }
      clients.push(client);
      return client;
    },
    logger: recordingLogger(),
    printQr: (qr) => void printed.push(qr),
    timers,
    backoff: { initialMs: 100, factor: 2, maxMs: 350 },
    ...options,
  });
  session.onState((s) => void states.push(s.state));
  const latest = () => clients[clients.length - 1]!;
  return {
    session,
    clients,
    timers,
    printed,
    states,
    latest,
    failNextInitializes: (n: number) => (failInitialize = n),
  };
}

describe('WhatsApp session', () => {
  it('shows the QR while pairing, then becomes ready', async () => {
    const { session, latest, printed } = setup();
    session.start();
    expect(session.status()).toMatchObject({ state: 'starting', qr: null, restarts: 0 });
    latest().emit('qr', '2@abc,def');
    expect(session.status()).toMatchObject({ state: 'qr', qr: '2@abc,def' });
    expect(printed).toEqual(['2@abc,def']);
    latest().emit('ready');
    expect(session.status()).toMatchObject({ state: 'ready', qr: null });
    await session.stop();
  });

  it('reconnects after a disconnect with a new client from the factory', async () => {
    const { session, clients, timers, states, latest } = setup();
    session.start();
    clients[0]!.emit('ready');
    clients[0]!.emit('disconnected', 'NAVIGATION');
    expect(session.status().state).toBe('disconnected');
    await flush();
    expect(clients[0]!.destroyed).toBe(1);
    expect(clients).toHaveLength(1);

    timers.fire(100);
    expect(clients).toHaveLength(2);
    expect(latest().initialized).toBe(1);
    latest().emit('ready');
    expect(session.status()).toMatchObject({ state: 'ready', restarts: 1 });
    expect(states).toEqual(['starting', 'ready', 'disconnected', 'starting', 'ready']);

    // A late event from the replaced client changes nothing.
    clients[0]!.emit('disconnected', 'LOGOUT');
    expect(session.status().state).toBe('ready');
    await session.stop();
  });

  it('backs off longer on each failure in a row, capped, and starts over once ready', async () => {
    const { session, timers, latest, failNextInitializes } = setup();
    session.start();
    latest().emit('disconnected', 'CONFLICT');
    await flush();
    failNextInitializes(3);
    for (const delay of [100, 200, 350, 350]) {
      timers.fire(delay);
      await flush();
      await flush();
    }
    latest().emit('ready');
    latest().emit('disconnected', 'NAVIGATION');
    await flush();
    expect(timers.delays).toEqual([100, 200, 350, 350, 100]);
    expect(session.status().restarts).toBe(4);
    await session.stop();
  });

  it('treats an auth failure like a lost connection', async () => {
    const { session, timers, clients } = setup();
    session.start();
    clients[0]!.emit('auth_failure', 'session expired');
    await flush();
    expect(session.status().state).toBe('disconnected');
    timers.fire(100);
    expect(clients).toHaveLength(2);
    await session.stop();
  });

  it('restarts the client on schedule when configured', async () => {
    const { session, timers, clients, latest } = setup({ restartEveryMs: 6 * 60 * 60 * 1000 });
    session.start();
    clients[0]!.emit('ready');
    timers.fire(6 * 60 * 60 * 1000);
    await flush();
    expect(clients[0]!.destroyed).toBe(1);
    expect(clients).toHaveLength(2);
    latest().emit('ready');
    expect(session.status()).toMatchObject({ state: 'ready', restarts: 1 });
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([6 * 60 * 60 * 1000]);
    await session.stop();
  });

  it('schedules no restart when restartEveryMs is 0', async () => {
    const { session, timers, clients } = setup();
    session.start();
    clients[0]!.emit('ready');
    expect(timers.pending.size).toBe(0);
    await session.stop();
  });

  it('forwards messages of the current client and sends through it only when ready', async () => {
    const { session, timers, clients, latest } = setup();
    const received: WhatsAppMessagePort[] = [];
    session.on('message', (m) => void received.push(m));
    session.start();
    await expect(session.sendMessage('6281234567890@c.us', 'halo')).rejects.toBeInstanceOf(WhatsAppNotReadyError);

    clients[0]!.emit('ready');
    clients[0]!.emit('disconnected', 'NAVIGATION');
    await flush();
    timers.fire(100);
    latest().emit('ready');
    const message = fakeMessage({ body: 'halo' });
    latest().emit('message', message);
    await session.sendMessage('6281234567890@c.us', 'balasan');
    expect(received).toEqual([message]);
    expect(latest().sends.map((s) => s.text)).toEqual(['balasan']);
    expect(clients[0]!.sends).toEqual([]);
    await session.stop();
  });

  it('stops cleanly: timers cancelled, client destroyed, no reconnect', async () => {
    const { session, timers, clients } = setup({ restartEveryMs: 1000 });
    session.start();
    clients[0]!.emit('ready');
    expect(timers.pending.size).toBe(1);
    await session.stop();
    expect(timers.pending.size).toBe(0);
    expect(clients[0]!.destroyed).toBe(1);
    clients[0]!.emit('disconnected', 'NAVIGATION');
    await flush();
    expect(timers.pending.size).toBe(0);
    expect(session.status().state).toBe('disconnected');
  });
});
