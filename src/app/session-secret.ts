import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The key that signs dashboard session cookies: SESSION_SECRET when set, otherwise one generated once and
 * kept in DATA_DIR (mode 0600), so that sessions survive restarts without any configuration.
 */
export function loadSessionSecret(props: { configured?: string; dataDir: string }): string {
  if (props.configured) return props.configured;
  const file = join(props.dataDir, 'session-secret');
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return kept;
  }
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
