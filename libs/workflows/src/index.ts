export * from './assignments';
export * from './engine';
export * from './registry.factory';
