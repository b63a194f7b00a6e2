import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV } from '../../../src/config/config.js';
import { COMMANDS } from '../../../src/cli/commands/index.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

// The README is the operator's manual: a variable or command it does not mention does not exist for them.
describe('README', () => {
  it.each(Object.keys(ENV))('documents the environment variable %s', (key) => {
    expect(readme).toContain(`\`${key}\``);
  });

  it.each(COMMANDS.map((c) => c.name))('documents the operator command %s', (name) => {
    expect(readme).toMatch(new RegExp(`\\| \`${name}[ \`]`));
  });

  it('starts with the two set-up commands', () => {
    const firstBlock = readme.split('```')[1] ?? '';
    expect(firstBlock).toContain('npm start');
    expect(firstBlock).toContain('npm test');
  });
});
