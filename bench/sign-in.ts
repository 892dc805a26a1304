import type { FakeOp } from '../apps/bff/test/support/fake-op.ts';
import { signInThroughFakeOp } from '../apps/bff/test/support/fake-op.ts';
import { TestBrowser } from '../apps/bff/test/support/http-client.ts';

/**
 * Signs a bench person in through the test provider, as a browser would, in the bench's own
 * collectivité (`banc`): the session of every scenario (connectors, cluster, soak).
 */
export async function signInBenchPerson(
  op: FakeOp,
  base: string,
  subjectPrefix: string,
  username: string,
  groups: string[],
): Promise<TestBrowser> {
  op.claims = {
    sub: `${subjectPrefix}-${username}`,
    name: username,
    preferred_username: username,
    email: `${username}@demo-a.pleiade.test`,
    collectivite: 'banc',
    groups,
  };
  const browser = new TestBrowser();
  const { callback } = await signInThroughFakeOp(browser, base);
  if (callback.status !== 303) throw new Error(`sign-in of ${username} failed: ${callback.status}`);
  return browser;
}
