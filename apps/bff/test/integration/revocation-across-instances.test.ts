import { describe } from 'vitest';
import { describeRevocationAcrossInstances } from '../support/revocation.js';

// Two instances, one PostgreSQL: invalidations by LISTEN/NOTIFY (sessions in PostgreSQL too).
describe('a change made through one instance takes effect on the other within a second', () => {
  describeRevocationAcrossInstances();
});
