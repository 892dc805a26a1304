// `npm start`: installs what is missing, builds, then starts the whole product. With no
// configuration: embedded PostgreSQL, the demo IdP and demo collectivités (see README.md).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { ROOT, bootstrap, log } from './lib.mjs';

const envFile = path.join(ROOT, '.env');
if (existsSync(envFile)) {
  process.loadEnvFile(envFile);
  log('Configuration lue dans .env');
}

try {
  bootstrap();
} catch (error) {
  process.stderr.write(`\n${error.message}\n`);
  process.exit(error.exitCode ?? 1);
}

log('Démarrage de Pléiade…');
const child = spawn(process.execPath, ['apps/bff/dist/main.js'], { cwd: ROOT, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
