/**
 * One message at a time per chat, in this process: two quick taps must not both read the same state and
 * both place an order. Share one instance between the engine and the notification delivery so that a
 * notice that moves a chat's state waits for the message being handled there.
 */
export interface ChatLocks {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

export function createChatLocks(): ChatLocks {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task, task);
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      // The map keeps only chats with work in flight.
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}

export const chatKey = (channel: string, chatId: string): string => `${channel}:${chatId}`;
