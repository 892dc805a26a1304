export * from './widgets.js';
export * from './board.js';
export * from './identity.js';
export * from './errors.js';
export * from './connectors.js';
export * from './widget-data.js';
export * from './grid.js';
export * from './policies/index.js';
