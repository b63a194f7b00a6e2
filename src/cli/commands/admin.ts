import type { CliCommand } from '../command.js';
import { DomainError } from '../../shared/errors.js';
import { openCliServices } from '../open-core-db.js';

const USAGE = [
  'peken admin add --name <name> --phone <08…> --role admin|opd_admin|viewer [--opd <OPD code>]',
  'peken admin list',
  'peken admin disable <id>',
  'peken admin enable <id>',
].join('\n');

/** The operator's way to the first admin (and any later one): people who sign in at /login with a code sent to their chat. */
export const adminCommand: CliCommand = {
  name: 'admin',
  summary: 'admin add|list|disable|enable: the people who sign in to the dashboard (code sent to their chat); audited',
  usage: USAGE,
  async run({ config, args, options, out, err }) {
    const [verb, id] = args;
    const usage = () => (err(`usage:\n${USAGE}`), 2);
    if (verb !== 'add' && verb !== 'list' && verb !== 'disable' && verb !== 'enable') return usage();
    if (
      verb === 'add' &&
      (typeof options.name !== 'string' || typeof options.phone !== 'string' || typeof options.role !== 'string')
    )
      return usage();
    if ((verb === 'disable' || verb === 'enable') && !/^\d+$/.test(id ?? '')) return usage();
    const h = await openCliServices(config);
    try {
      const staff = h.services.staff;
      if (verb === 'add') {
        const opd = typeof options.opd === 'string' ? options.opd : undefined;
        const a = await staff.add(
          { name: options.name, phone: options.phone, role: options.role, ...(opd ? { agencyCode: opd } : {}) },
          'cli',
        );
        out(
          `admin ${a.id} added: ${a.name} ${a.phone} (${a.role}${a.agencyCode ? ` ${a.agencyCode}` : ''}). They sign in at /login; the code goes to their linked chat.`,
        );
      } else if (verb === 'list') {
        for (const a of await staff.list())
          out(
            `${a.id}\t${a.role}\t${a.agencyCode ?? '-'}\t${a.disabledAt ? 'disabled' : 'active'}\t${a.phone}\t${a.name}`,
          );
      } else {
        const a = verb === 'disable' ? await staff.disable(Number(id), 'cli') : await staff.enable(Number(id), 'cli');
        out(`admin ${a.id} ${a.disabledAt ? 'disabled (sessions ended)' : 'enabled'}`);
      }
      return 0;
    } catch (error) {
      // A clear message for bad input; nothing was changed.
      if (error instanceof DomainError) {
        err(error.message);
        return 1;
      }
      throw error;
    } finally {
      await h.close();
    }
  },
};
