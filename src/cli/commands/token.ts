import type { CliCommand } from '../command.js';
import { openCliServices } from '../open-core-db.js';

const USAGE =
  'peken token create --name <name> --role admin|viewer [--days N]\npeken token list\npeken token revoke <id>';

export const tokenCommand: CliCommand = {
  name: 'token',
  summary: 'token create|list|revoke: API access tokens for machines (admin or viewer); shown once',
  usage: USAGE,
  async run({ config, args, options, out, err }) {
    const [verb, id] = args;
    if (verb !== 'create' && verb !== 'list' && verb !== 'revoke') {
      err(`usage:\n${USAGE}`);
      return 2;
    }
    if (verb === 'create' && (typeof options.name !== 'string' || typeof options.role !== 'string')) {
      err(`usage:\n${USAGE}`);
      return 2;
    }
    if (verb === 'revoke' && !/^\d+$/.test(id ?? '')) {
      err('usage: peken token revoke <id>');
      return 2;
    }
    const h = await openCliServices(config);
    try {
      const tokens = h.services.tokens;
      if (verb === 'create') {
        const days = typeof options.days === 'string' ? Number(options.days) : undefined;
        const r = await tokens.create({
          name: options.name as string,
          role: options.role as string,
          days,
          actor: 'cli',
        });
        out(
          `token ${r.id} (${options.role}) created${r.expiresAt ? `, expires ${r.expiresAt}` : ''}. Copy it now: it is not shown again.`,
        );
        out(r.token);
      } else if (verb === 'list') {
        for (const t of await tokens.list()) {
          const state = t.revokedAt
            ? 'revoked'
            : t.expiresAt && t.expiresAt < new Date().toISOString()
              ? 'expired'
              : 'active';
          out(
            `${t.id}\t${t.role}\t${state}\t${t.name}\tcreated ${t.createdAt}\texpires ${t.expiresAt ?? 'never'}\tlast used ${t.lastUsedAt ?? 'never'}`,
          );
        }
      } else {
        await tokens.revoke(Number(id), 'cli');
        out(`token ${id} revoked`);
      }
      return 0;
    } finally {
      await h.close();
    }
  },
};
