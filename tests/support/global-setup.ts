import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { redisAnswers } from '../../src/redis/redis-url.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/** Finds Redis the way `npm start` does: REDIS_URL, else the local default. Tests never mock it. */
export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!(await redisAnswers(url))) {
    throw new Error(`No Redis answers at ${url}: start redis-server, or set REDIS_URL (.ci/run does this).`);
  }
  project.provide('redisUrl', url);
}
