import type { BroadcastService } from '../broadcasts/broadcast.service.js';
import type { Segment } from '../broadcasts/segment.js';
import type { Db } from '../db/database.js';
import { findBuyer } from '../people/buyer.repository.js';
import { NotFoundError } from '../shared/errors.js';
import { ForbiddenError } from '../shared/domain-errors.js';
import { agencyCodeById } from './admin-person.repository.js';
import type { Principal } from './principal.js';

// What an opd_admin may see and do, in one place: its OPD's compliance, its ASN (list, edit, roster import)
// and broadcasts to its ASN. Everything else is refused by the adapters' allowlists (server/admin/auth.ts).

const OUTSIDE = 'di luar OPD Anda';

/** Only the city's admin (not an opd_admin, not a viewer) may do this. */
export function requireCityAdmin(p: Principal): void {
  if (p.role !== 'admin')
    throw new ForbiddenError(p.role === 'viewer' ? 'peran viewer hanya bisa membaca' : 'khusus admin kota');
}

/**
 * The OPD filter a request may use: an opd_admin always gets its own (asking for another is refused, not
 * silently widened or narrowed); everyone else gets what they asked for.
 */
export function agencyScope(p: Principal, requested?: number): number | undefined {
  if (p.role !== 'opd_admin') return requested;
  if (requested !== undefined && requested !== p.agencyId) throw new ForbiddenError(`OPD ${requested} ${OUTSIDE}`);
  return p.agencyId!;
}

/** Rows of a per-OPD report, kept to the principal's OPD for an opd_admin. */
export function ownAgencyRows<T extends { agencyId: number }>(p: Principal, rows: T[]): T[] {
  return p.role === 'opd_admin' ? rows.filter((r) => r.agencyId === p.agencyId) : rows;
}

/** The OPD code an opd_admin's roster import is limited to (undefined: no limit). */
export async function rosterScope(db: Db, p: Principal): Promise<string | undefined> {
  if (p.role !== 'opd_admin') return undefined;
  return agencyCodeById(db, p.agencyId!);
}

/** An opd_admin may edit only its own OPD's ASN, and may not move one to another OPD. */
export async function assertBuyerInScope(db: Db, p: Principal, buyerId: number, raw: unknown): Promise<void> {
  if (p.role !== 'opd_admin') return;
  const b = await findBuyer(db, buyerId);
  // Another OPD's ASN looks exactly like a missing one: an opd_admin learns nothing about other OPDs.
  if (!b || b.agency_id !== p.agencyId) throw new NotFoundError('buyer', buyerId);
  const code = (raw as { agencyCode?: unknown } | null)?.agencyCode;
  if (code !== undefined && String(code).trim().toUpperCase() !== (await agencyCodeById(db, p.agencyId!)))
    throw new ForbiddenError(`agencyCode: ${OUTSIDE}`);
}

const ownSegment = (p: Principal, s: Segment | undefined) => s?.kind === 'asn_agency' && s.agencyId === p.agencyId;

/**
 * The broadcast service as an opd_admin may use it: only broadcasts whose segment is its own OPD's ASN, to
 * create, preview, list, read and control. Other principals get the service unchanged.
 */
export function scopedBroadcasts(p: Principal, svc: BroadcastService): BroadcastService {
  if (p.role !== 'opd_admin') return svc;
  const checkInput = (raw: unknown) => {
    if (!ownSegment(p, (raw as { segment?: Segment } | null)?.segment))
      throw new ForbiddenError(`siaran OPD hanya ke ASN OPD sendiri (segment asn_agency, agencyId ${p.agencyId})`);
  };
  const mine = async (id: number) => {
    const s = await svc.status(id);
    if (!ownSegment(p, s.broadcast.segment)) throw new NotFoundError('broadcast', id);
    return s;
  };
  return {
    ...svc,
    async create(raw, actor, opts) {
      checkInput(raw);
      return svc.create(raw, actor, opts);
    },
    async preview(raw) {
      checkInput(raw);
      return svc.preview(raw);
    },
    previewOf: async (id) => (await mine(id), svc.previewOf(id)),
    sendNow: async (id, actor) => (await mine(id), svc.sendNow(id, actor)),
    schedule: async (id, raw, actor) => (await mine(id), svc.schedule(id, raw, actor)),
    cancel: async (id, actor) => (await mine(id), svc.cancel(id, actor)),
    status: (id) => mine(id),
    recipients: async (id, q) => (await mine(id), svc.recipients(id, q)),
    async list(q = {}) {
      // Filtered after reading: a page may hold fewer than `limit`; read a wider page so it rarely does.
      const rows = await svc.list({ limit: Math.min(500, (q.limit ?? 50) * 10), offset: q.offset ?? 0 });
      return rows.filter((b) => ownSegment(p, b.segment)).slice(0, q.limit ?? 50);
    },
    createSystem: () => Promise.reject(new ForbiddenError('khusus sistem')),
    start: () => Promise.reject(new ForbiddenError('khusus sistem')),
    moveToLiveChats: () => Promise.reject(new ForbiddenError('khusus sistem')),
  };
}
