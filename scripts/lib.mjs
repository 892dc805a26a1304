// Shared by start.mjs, test.mjs and bench.mjs. Plain Node (no dependency): these scripts run
// before anything is installed, on a machine that has only Node.js 20+ and npm.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMPS = path.join(ROOT, 'node_modules', '.pleiade-stamps');
const PNPM_VERSION = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).packageManager.split('@')[1];

export function log(message) {
  process.stdout.write(`\x1b[1m▸ ${message}\x1b[0m\n`);
}

/** Runs a command in the foreground; throws with its name when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const error = new Error(`${command} ${args.join(' ')} a échoué (code ${result.status})`);
    error.exitCode = result.status ?? 1;
    throw error;
  }
}

function works(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

let pnpmCommand;
/** The pinned pnpm: a global one of the same major version, else through npx (npm ships it). */
export function pnpm() {
  if (pnpmCommand) return pnpmCommand;
  const global = works('pnpm', ['--version']);
  pnpmCommand =
    global?.split('.')[0] === PNPM_VERSION.split('.')[0] ? ['pnpm'] : ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
  return pnpmCommand;
}

export function runPnpm(args, options) {
  const [command, ...prefix] = pnpm();
  run(command, [...prefix, ...args], options);
}

const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'generated']);

function filesUnder(entry) {
  if (!existsSync(entry)) return [];
  if (!statSync(entry).isDirectory()) return [entry];
  return readdirSync(entry)
    .filter((name) => !SKIPPED_DIRS.has(name))
    .sort()
    .flatMap((name) => filesUnder(path.join(entry, name)));
}

function hashOf(entries) {
  const hash = createHash('sha256');
  for (const file of entries.flatMap(filesUnder)) {
    hash.update(path.relative(ROOT, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** Runs `step` only when the inputs changed since the last successful run (a stamp per step). */
export function whenChanged(name, inputs, outputs, step) {
  const stamp = path.join(STAMPS, `${name}.sha256`);
  const digest = hashOf(inputs.map((input) => path.join(ROOT, input)));
  const outputsExist = outputs.every((output) => existsSync(path.join(ROOT, output)));
  if (outputsExist && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) return false;
  step();
  mkdirSync(STAMPS, { recursive: true });
  writeFileSync(stamp, digest);
  return true;
}

/**
 * Everything a fresh clone needs before it can start or be tested: dependencies (frozen lockfile),
 * the Prisma Client, and the builds. Each step is skipped when its inputs did not change.
 */
export function bootstrap() {
  const installInputs = ['pnpm-lock.yaml', 'package.json', 'pnpm-workspace.yaml'];
  const installed = existsSync(path.join(ROOT, 'node_modules', '.modules.yaml'));
  if (!installed) log(`Installation des dépendances (pnpm ${PNPM_VERSION})…`);
  whenChanged('install', installInputs, ['node_modules/.modules.yaml'], () =>
    runPnpm(['install', '--frozen-lockfile', '--reporter=append-only']),
  );
  whenChanged('prisma', ['prisma/schema.prisma', 'pnpm-lock.yaml'], ['apps/bff/src/generated/prisma/client.ts'], () => {
    log('Génération du client Prisma…');
    run(process.execPath, ['scripts/prisma-generate.mjs']);
  });
  whenChanged(
    'build',
    [
      'packages/contracts/src',
      'packages/dev-idp/src',
      'packages/simulators/src',
      'apps/bff/src',
      'apps/web/src',
      'apps/web/index.html',
      'apps/web/vite.config.ts',
      'prisma/schema.prisma',
      'pnpm-lock.yaml',
      'tsconfig.base.json',
    ],
    ['apps/bff/dist/main.js', 'apps/web/dist/index.html'],
    () => {
      log('Compilation (contrats, IdP de démonstration, BFF, application web)…');
      runPnpm(['run', 'build']);
    },
  );
}

/** A port free on loopback right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
