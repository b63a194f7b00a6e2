import type { Principal, Session } from '../../admin/index.js';
import type { Services } from '../../app/services.js';
import type { AdminAppDeps } from './deps.js';

/** The services (built once, src/app/services.ts) and the server's options; routes reach them through the context. */
export interface AdminServices extends Services {
  /** The server's own options (secret, web chat, media directory, Bull Board queues, ...). */
  deps: AdminAppDeps;
}

export type AdminEnv = {
  Variables: {
    services: AdminServices;
    principal: Principal;
    /** Set for cookie (dashboard) requests. */
    session: Session;
    /**
     * Set by the web chat's intake (src/server/web-chat/intake.ts) for the requests it let in: gives the event
     * loop back until a later turn, ahead of the requests still waiting.
     */
    passTurn?: () => Promise<void>;
  };
};
