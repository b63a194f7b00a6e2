// The house rules of issue 17 as a tiny local ESLint plugin: where a feature may import from, and who may write SQL.
// A local rule rather than core `no-restricted-imports`: that rule matches import strings, so `../jobs/x.js` would
// be caught from one folder depth and missed from another; here every relative import is resolved to the file it
// names, and type-only and dynamic imports (`import('bullmq')`, `import type`) count too, since a type import
// still ties the domain to the vendor. The rules take no options: eslint.config.js decides which files each one
// covers, and its `legacyViolations` list switches them off, per file and per rule, where moves are still pending.
import { dirname, relative, resolve, sep } from 'node:path';

/** Packages that are transport or infrastructure: a domain reaches them only through a port or the jobs wing. */
const TRANSPORT_PACKAGES = [
  'bullmq',
  'ioredis',
  'hono',
  '@hono/',
  'grammy',
  '@grammyjs/',
  'whatsapp-web.js',
  '@bull-board/',
];
/** Folders a domain must not import: adapters and the jobs wing depend on domains, never the reverse. */
const ADAPTER_FOLDERS = ['bots/', 'src/jobs/', 'src/server/'];

function matchesPackage(spec, names) {
  return names.find((name) =>
    name.endsWith('/') ? spec.startsWith(name) : spec === name || spec.startsWith(`${name}/`),
  );
}

/** The repository-relative path (with `/`) that a relative import names, or undefined for a package import. */
function resolvedTarget(context, spec) {
  if (!spec.startsWith('./') && !spec.startsWith('../')) return undefined;
  const target = resolve(dirname(context.filename), spec);
  return relative(context.cwd, target).split(sep).join('/');
}

/** Calls `check(node, spec)` for every way a module can be named: static, re-export, dynamic, type positions. */
function eachImport(check) {
  const literal = (node, source) => {
    if (source && source.type === 'Literal' && typeof source.value === 'string') check(node, source.value);
  };
  return {
    ImportDeclaration: (node) => literal(node, node.source),
    ExportNamedDeclaration: (node) => literal(node, node.source),
    ExportAllDeclaration: (node) => literal(node, node.source),
    ImportExpression: (node) => literal(node, node.source),
    TSImportEqualsDeclaration: (node) => literal(node, node.moduleReference.expression),
    TSImportType: (node) => literal(node, node.argument?.literal ?? node.argument),
  };
}

const domainImports = {
  meta: {
    type: 'problem',
    docs: { description: 'A domain folder imports no transport package, no bot, no jobs wing and no server' },
    schema: [],
    messages: {
      package:
        "'{{spec}}' is transport: a domain (src/<feature>) reaches it through a port, or declares job payloads in x.jobs.ts and lets src/jobs enqueue them.",
      folder:
        "'{{spec}}' is in {{folder}}: adapters and the jobs wing depend on domains, never the reverse (move the shared piece into the domain or src/chat).",
    },
  },
  create(context) {
    return eachImport((node, spec) => {
      if (matchesPackage(spec, TRANSPORT_PACKAGES)) {
        context.report({ node, messageId: 'package', data: { spec } });
        return;
      }
      const target = resolvedTarget(context, spec);
      const folder = target && ADAPTER_FOLDERS.find((f) => `${target}/`.startsWith(f));
      if (folder) context.report({ node, messageId: 'folder', data: { spec, folder: folder.slice(0, -1) } });
    });
  },
};

const botsNoKysely = {
  meta: {
    type: 'problem',
    docs: { description: 'Bots (channel adapters and flows) import nothing from kysely' },
    schema: [],
    messages: {
      kysely: "bots/ must not import '{{spec}}': flows get services, never `db`; the query belongs in a repository.",
    },
  },
  create(context) {
    return eachImport((node, spec) => {
      if (spec === 'kysely' || spec.startsWith('kysely/'))
        context.report({ node, messageId: 'kysely', data: { spec } });
    });
  },
};

// What counts as writing SQL, decided on syntax alone (the lint runs without type information, so it cannot ask
// whether a receiver is a Kysely instance):
// - a call of a statement's first method on any receiver: every Kysely statement starts with one of these on
//   `db`, a transaction or a `with(...)` builder, and no other library in this tree uses these names;
// - `.withRecursive(...)` always, and `.with(name, callback)` (a CTE: its last argument is a function), but not
//   every `.with(`: `Array.prototype.with(index, value)` is ES2023 and legitimate anywhere. A CTE never runs on its
//   own; the statement it prefixes is caught by its `.selectFrom(`/`.insertInto(`... call anyway;
// - `db.schema.createTable(...)` and its siblings: DDL belongs in migrations;
// - importing `sql` or `CompiledQuery` from kysely: every raw fragment (`sql\`...\``, `sql.raw`, `sql.ref`,
//   `sql.lit`) and every hand-compiled query goes through one of them, so one report at the import covers them all.
// Not SQL: `db.transaction()` (services open transactions by design) and `import type` from kysely (a service
// names the executor type it passes to repositories).
const STATEMENT_STARTS = new Set([
  'selectFrom',
  'selectNoFrom',
  'insertInto',
  'replaceInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
  'executeQuery',
  'withRecursive',
]);
const SCHEMA_BUILDERS = new Set([
  'createTable',
  'alterTable',
  'dropTable',
  'createIndex',
  'dropIndex',
  'createView',
  'dropView',
]);
const RAW_SQL_EXPORTS = new Set(['sql', 'CompiledQuery']);

const sqlInRepositories = {
  meta: {
    type: 'problem',
    docs: { description: 'Only *.repository.ts, migrations/ and src/db/ write SQL' },
    schema: [],
    messages: {
      statement:
        '`.{{name}}(` writes SQL: queries live in a *.repository.ts function that takes the executor (`db` or a transaction) first.',
      raw: '`{{name}}` from kysely writes raw SQL: it belongs in a *.repository.ts file, a migration or src/db/.',
    },
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        const name = callee.property.name;
        const isCte = name === 'with' && node.arguments.length === 2 && /Function/.test(node.arguments[1].type);
        const isDdl =
          SCHEMA_BUILDERS.has(name) &&
          callee.object.type === 'MemberExpression' &&
          callee.object.property.type === 'Identifier' &&
          callee.object.property.name === 'schema';
        if (STATEMENT_STARTS.has(name) || isCte || isDdl) {
          context.report({ node: callee.property, messageId: 'statement', data: { name } });
        }
      },
      ImportDeclaration(node) {
        if (node.source.value !== 'kysely' || node.importKind === 'type') return;
        for (const spec of node.specifiers) {
          if (spec.type !== 'ImportSpecifier' || spec.importKind === 'type') continue;
          const name = spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
          if (RAW_SQL_EXPORTS.has(name)) context.report({ node: spec, messageId: 'raw', data: { name } });
        }
      },
    };
  },
};

/** The plugin, registered as `house` in eslint.config.js. */
export default {
  meta: { name: 'house' },
  rules: {
    'domain-imports': domainImports,
    'bots-no-kysely': botsNoKysely,
    'sql-in-repositories': sqlInRepositories,
  },
};
