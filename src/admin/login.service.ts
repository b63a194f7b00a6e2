import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/database.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ValidationError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { maskPhone, normalizePhone } from '../shared/phone.js';
import { TooManyAttemptsError } from '../shared/domain-errors.js';
import { findAdminByPhone } from './admin-person.repository.js';
import { personActor } from './principal.js';
import {
  attemptsIn,
  countAttempt,
  insertLoginCode,
  liveLoginCodes,
  pruneAttempts,
  useLoginCode,
  voidLoginCodes,
} from './login-code.repository.js';

/** The code is wrong, expired or already used: one answer for all three, and for an unknown phone. */
export class CodeRefusedError extends DomainError {
  readonly code = 'code_refused';
}

/** Sends a sign-in code to the person's chat; resolves false when they have no chat it can reach. */
export type LoginCodeSender = (phone: string, code: string) => Promise<boolean>;

export interface LoginLimits {
  /** The window every limit counts in. */
  windowMs: number;
  /** Codes sent to one phone per window (a chat must not be flooded with codes). */
  codesPerPhone: number;
  /** Wrong codes for one phone per window: then the phone is locked and its open codes void. */
  failuresPerPhone: number;
  /** Requests and guesses from one address per window, any phone: high, so a proxy's users are not all locked out by one. */
  perAddress: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  windowMs: 15 * 60_000,
  codesPerPhone: 5,
  failuresPerPhone: 5,
  perAddress: 30,
};
export const CODE_TTL_MS = 5 * 60_000;

/**
 * Sign-in by a 6-digit code sent to the admin's chat. Codes are single use, live five minutes, are kept only
 * as an HMAC keyed by the server's secret (six digits hashed without a key would fall to a million guesses
 * offline) and compared in constant time. A phone that is not an admin gets exactly the answers a known one
 * gets, so the form tells nobody who is an admin.
 */
export function createLoginService(deps: {
  db: Db;
  clock: Clock;
  secret: string;
  send: LoginCodeSender;
  limits?: Partial<LoginLimits>;
  logger?: Logger;
}) {
  const { db } = deps;
  const limits = { ...DEFAULT_LOGIN_LIMITS, ...deps.limits };
  const hashOf = (adminId: number, code: string) =>
    createHmac('sha256', deps.secret).update(`login-code:${adminId}:${code}`).digest();

  function windowStartAfter(now: Date): string {
    return new Date(now.getTime() - limits.windowMs).toISOString();
  }
  const retryAfter = (windowStart: string, now: Date) =>
    Math.max(1, Math.ceil((Date.parse(windowStart) + limits.windowMs - now.getTime()) / 1000));

  async function takeAddress(address: string, now: Date): Promise<void> {
    const r = await countAttempt(db, `addr:${address}`, now.toISOString(), windowStartAfter(now));
    if (r.count > limits.perAddress)
      throw new TooManyAttemptsError(
        'Terlalu banyak percobaan dari alamat ini. Coba lagi nanti.',
        retryAfter(r.windowStart, now),
      );
  }

  function phoneOf(raw: string): string {
    const phone = normalizePhone(raw);
    if (!phone) throw new ValidationError('Nomor HP tidak valid (contoh: 0812…).');
    return phone;
  }

  return {
    limits,

    /** Sends a code when the phone belongs to an active admin; the same outcome (no error) either way. */
    async requestCode(raw: string, address: string): Promise<{ phone: string }> {
      const now = deps.clock.now();
      await takeAddress(address, now);
      const phone = phoneOf(raw);
      const sent = await countAttempt(db, `send:${phone}`, now.toISOString(), windowStartAfter(now));
      if (sent.count > limits.codesPerPhone)
        throw new TooManyAttemptsError(
          'Sudah beberapa kode dikirim ke nomor ini. Pakai kode terakhir, atau tunggu sebentar.',
          retryAfter(sent.windowStart, now),
        );
      const admin = await findAdminByPhone(db, phone);
      if (!admin || admin.disabled_at) return { phone };
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const at = now.toISOString();
      await db.transaction().execute(async (trx) => {
        // Only the newest code counts: an older one that arrives late must not open a session.
        await voidLoginCodes(trx, admin.id, at);
        await insertLoginCode(trx, {
          adminId: admin.id,
          codeHash: hashOf(admin.id, code).toString('hex'),
          at,
          expiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
        });
      });
      // Not awaited: a slow chat platform must neither hold the page nor make a known phone answer slower.
      void deps.send(phone, code).then(
        (ok) => {
          if (!ok)
            deps.logger?.warn({ phone: maskPhone(phone) }, 'sign-in code: the admin has no chat this server can reach');
        },
        (error: unknown) =>
          deps.logger?.error(
            { err: (error as Error).message, phone: maskPhone(phone) },
            'sign-in code could not be sent',
          ),
      );
      return { phone };
    },

    /** The admin's id when the code is right; CodeRefusedError when not; TooManyAttemptsError when locked. */
    async verify(raw: string, code: string, address: string): Promise<{ adminId: number }> {
      const now = deps.clock.now();
      await takeAddress(address, now);
      const phone = phoneOf(raw);
      const failKey = `fail:${phone}`;
      const failures = await attemptsIn(db, failKey, windowStartAfter(now));
      if (failures && failures.count >= limits.failuresPerPhone) {
        throw new TooManyAttemptsError(
          'Terlalu banyak kode salah untuk nomor ini. Minta kode baru nanti.',
          retryAfter(failures.windowStart, now),
        );
      }
      const admin = await findAdminByPhone(db, phone);
      const clean = code.replace(/\s/g, '');
      const at = now.toISOString();
      if (admin && !admin.disabled_at && /^\d{6}$/.test(clean)) {
        const given = hashOf(admin.id, clean);
        for (const c of await liveLoginCodes(db, admin.id, at)) {
          const stored = Buffer.from(c.code_hash, 'hex');
          if (stored.length === given.length && timingSafeEqual(stored, given) && (await useLoginCode(db, c.id, at))) {
            await recordAudit(db, {
              actor: personActor(admin),
              action: 'admin.sign_in',
              entity: 'admin',
              entityId: admin.id,
              at,
            });
            return { adminId: admin.id };
          }
        }
      }
      const r = await countAttempt(db, failKey, at, windowStartAfter(now));
      if (admin && r.count >= limits.failuresPerPhone) await voidLoginCodes(db, admin.id, at);
      throw new CodeRefusedError('Kode salah, kedaluwarsa atau sudah dipakai.');
    },

    /** Drops attempt windows that have ended (called now and then; nothing depends on it). */
    prune: () => pruneAttempts(db, windowStartAfter(deps.clock.now())),
  };
}

export type LoginService = ReturnType<typeof createLoginService>;
