import { randomBytes } from 'node:crypto';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../../src/db/migrate.js';
import { admin, createPgTestDb } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
  }
}

/**
 * test:pg: migrates one PostgreSQL database per run and offers it as the template that createTestDb copies
 * for every test file (`create database … template …`), then drops it when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const made = await createPgTestDb();
  await migrateToLatest(made.db);
  await made.close();
  // A template must have no other connection when it is copied: the pool above is closed.
  const name = `peken_template_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`alter database ${made.name} rename to ${name}`));
  project.provide('pgTemplate', name);
  return async () => {
    await admin((c) => c.query(`drop database if exists ${name} with (force)`));
  };
}
