// Finds a Chromium for the end-to-end tests, installing Debian's when it is missing and we may.
// Never silently skips: when no browser can be had, the test command fails with the reason.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT, log } from './lib.mjs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function playwrightOwnChromium() {
  try {
    const require = createRequire(path.join(ROOT, 'e2e', 'package.json'));
    const { chromium } = require('@playwright/test');
    const executable = chromium.executablePath();
    return existsSync(executable) ? executable : undefined;
  } catch {
    return undefined;
  }
}

export function findChromium() {
  const fromEnv = process.env.PLEIADE_CHROMIUM;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`PLEIADE_CHROMIUM=${fromEnv} n'existe pas.`);
    return fromEnv;
  }
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    log('Chromium absent : installation du paquet Debian chromium…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install =
      update.status === 0 &&
      spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'], {
        stdio: 'inherit',
        env,
      });
    if (install && install.status === 0 && existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  }
  const own = playwrightOwnChromium();
  if (own) return own;
  throw new Error(
    'Aucun navigateur Chromium pour les tests de bout en bout. Installez le paquet Debian « chromium » ' +
      '(apt-get install chromium), ou « npx playwright install chromium », ou indiquez son chemin dans PLEIADE_CHROMIUM.',
  );
}
