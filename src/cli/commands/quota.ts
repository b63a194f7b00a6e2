import type { CliCommand } from '../command.js';
import { formatRupiah } from '../../shared/money.js';
import { openCliServices } from '../open-core-db.js';

const USAGE = `peken quota list [YYYY-MM]                           minimums in effect in a month (default: this month)
peken quota set <class> <rupiah> --from YYYY-MM      a new minimum from that month on (this month or later)
peken quota add <class> <rupiah> --label "<name>"    a new position class the roster may use
peken quota history [class]                          every recorded change`;

/** Quota rules per position class, as on the dashboard's "Aturan kuota" page; changes are audited as 'cli'. */
export const quotaCommand: CliCommand = {
  name: 'quota',
  summary:
    'quota list | set <class> <rupiah> --from YYYY-MM | add | history: minimum monthly spending per position class',
  usage: USAGE,
  async run({ config, args, options, out, err }) {
    const [verb, a, b] = args;
    const h = await openCliServices(config);
    try {
      const rules = h.services.quotaRules;
      const show = (r: {
        positionClass: string;
        label: string;
        minMonthly: number;
        scheduled: { effectiveFrom: string; minMonthly: number }[];
      }) =>
        out(
          `${r.positionClass.padEnd(12)} ${formatRupiah(r.minMonthly).padStart(14)}  ${r.label}${r.scheduled.map((s) => `  (from ${s.effectiveFrom}: ${formatRupiah(s.minMonthly)})`).join('')}`,
        );
      const rupiah = (v: string | undefined) =>
        v !== undefined && /^\d[\d.]*$/.test(v) ? Number(v.replace(/\./g, '')) : v;
      if (verb === 'list') {
        for (const r of await rules.list(a)) show(r);
        return 0;
      }
      if (verb === 'history') {
        for (const c of await rules.history(a))
          out(
            `${c.effectiveFrom} ${c.positionClass.padEnd(12)} ${formatRupiah(c.minMonthly).padStart(14)}  by ${c.changedBy} at ${c.changedAt}`,
          );
        return 0;
      }
      if (verb === 'set' && a && b && typeof options.from === 'string') {
        show(await rules.change(a, { minMonthly: rupiah(b), effectiveFrom: options.from }, 'cli'));
        return 0;
      }
      if (verb === 'add' && a && b && typeof options.label === 'string') {
        show(await rules.add({ positionClass: a, minMonthly: rupiah(b), label: options.label }, 'cli'));
        return 0;
      }
      err(`usage:\n${USAGE}`);
      return 2;
    } finally {
      await h.close();
    }
  },
};
