export * from './widgets.js';
export * from './board.js';
export * from './identity.js';
export * from './errors.js';
export * from './connector-kinds/index.js';
export * from './connectors.js';
export * from './widget-data.js';
