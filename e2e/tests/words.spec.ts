import { expect, test, type Page } from '@playwright/test';
import { boardTabs, signIn } from '../support/actions.js';

/**
 * What people read on their boards is written for them: no upstream identifier, address or library
 * message, no English. Every demo account, every board it has, widgets loaded from the simulators.
 */
const DEMO_ACCOUNTS = ['agent', 'elu', 'admin', 'operateur', 'agent-b', 'admin-b'];

const FORBIDDEN: readonly { what: string; pattern: RegExp }[] = [
  { what: 'une adresse web', pattern: /\b(?:https?|wss?|ftp):\/\/\S+/i },
  { what: 'une adresse IP', pattern: /\b\d{1,3}(?:\.\d{1,3}){3}\b/ },
  { what: 'localhost', pattern: /\blocalhost\b/i },
  { what: 'un identifiant technique (snake_case)', pattern: /\b[a-z0-9]+_[a-z0-9_]+\b/ },
  { what: 'un identifiant technique (camelCase)', pattern: /(?<![-\w])[a-z]+[A-Z][A-Za-z]*\b/ },
  { what: 'un identifiant Nextcloud', pattern: /\b(?:spreed|updatenotification|files_sharing|richdocuments)\b/ },
  { what: 'une valeur de programme', pattern: /\b(?:undefined|null|NaN|true|false)\b|\[object Object\]/ },
  {
    what: 'un mot anglais',
    pattern:
      /\b(?:Loading|Error|Invalid|Unrecognized|expected|Required|Submit|Cancel|Save|Delete|Settings|Unknown|Dashboard|Widget|Sign in|Sign out|Unauthorized|Forbidden|Not found|Request failed|Network|timeout|token|Retry|Open)\b/i,
  },
];

/** The words of the page once every widget has answered (or said why not). */
async function settledText(page: Page): Promise<string> {
  await expect(page.getByText(/^Chargement/)).toHaveCount(0, { timeout: 15_000 });
  return page.locator('body').innerText();
}

function offences(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line) =>
      FORBIDDEN.filter(({ pattern }) => pattern.test(line)).map(({ what }) => `${what} : « ${line} »`),
    );
}

test.describe('words people read', () => {
  for (const account of DEMO_ACCOUNTS) {
    test(`every board of ${account} is written for people, in French`, async ({ page }) => {
      await signIn(page, account);
      const tabs = boardTabs(page);
      await expect(tabs.first()).toBeVisible();
      const count = await tabs.count();
      const found: string[] = [];
      for (let index = 0; index < count; index += 1) {
        await tabs.nth(index).click();
        await expect(tabs.nth(index)).toHaveAttribute('aria-selected', 'true');
        found.push(...offences(await settledText(page)));
      }
      expect(found).toEqual([]);
    });
  }
});
