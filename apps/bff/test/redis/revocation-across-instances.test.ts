import { describe } from 'vitest';
import { describeRevocationAcrossInstances } from '../support/revocation.js';

const redisUrl = process.env.REDIS_URL;
if (!redisUrl) throw new Error('These tests need REDIS_URL (npm test provides it, or reports them as not run).');

// Two instances sharing PostgreSQL and Redis: sessions in Redis, their changes announced by Redis pub/sub.
describe('with Redis, a change made through one instance takes effect on the other within a second', () => {
  describeRevocationAcrossInstances({ REDIS_URL: redisUrl });
});
