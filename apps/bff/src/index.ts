export { loadConfig, ConfigError, type Config } from './config.js';
export { createLogger } from './logger.js';
export { startPleiade, type RunningPleiade } from './server.js';
export { createApp, type AppDependencies } from './app.js';
export { migrate } from './db/migrate.js';
export { startEmbeddedPostgres } from './db/embedded.js';
export { createDb } from './db/client.js';
export { createScratchDatabase, type ScratchDatabase } from './db/scratch-database.js';
