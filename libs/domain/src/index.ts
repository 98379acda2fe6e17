export * from './config/env';
export * from './data-source';
export * from './engine';
