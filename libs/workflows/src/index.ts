export * from './assignments';
export * from './cases';
export * from './engine';
export * from './grants';
export * from './hearings';
export * from './meetings';
export * from './registry.factory';
export * from './votes';
