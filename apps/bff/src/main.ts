import { ConfigError, loadConfig } from './config.js';
import { EmbeddedPostgresUnreachableError } from './db/embedded.js';
import { createLogger } from './logger.js';
import { startPleiade } from './server.js';

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(
      `\nPléiade ne peut pas démarrer.\n${error.message}\nVoir .env.example pour la liste des variables.\n\n`,
    );
    process.exit(2);
  }
  throw error;
}

const logger = createLogger(config.logLevel);
try {
  const running = await startPleiade(config, logger);
  const lines = [
    '',
    `  Pléiade est prêt : ${running.url}`,
    ...(running.devIdpIssuer
      ? [
          `  Comptes de démonstration (mot de passe « demo ») : agent, elu, admin, operateur (demo-a), agent-b, admin-b (demo-b)`,
          `  Fournisseur d'identité de démonstration : ${running.devIdpIssuer}`,
        ]
      : []),
    ...(running.demoApplicationUrls
      ? [
          `  Applications simulées : ${Object.entries(running.demoApplicationUrls)
            .map(([app, url]) => `${app} ${url}`)
            .join(', ')}`,
          ...running.demoApplicationNotes.map((note) => `  ${note}`),
        ]
      : []),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  if (error instanceof EmbeddedPostgresUnreachableError) {
    // Something the person starting Pléiade must change: said in words, not in a log line.
    process.stderr.write(`\nPléiade ne peut pas démarrer.\n${error.message}\n\n`);
    process.exit(2);
  }
  logger.fatal({ err: error }, 'start failed');
  process.exit(1);
}
