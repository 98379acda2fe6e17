export * from './config/env';
export * from './committees';
export * from './data-source';
export * from './engine';
export * from './hearings';
export * from './meetings';
export * from './votes';
export * from './grants';
