export * from './assignments';
export * from './cases';
export * from './committees';
export * from './grants';
export * from './hearings';
export * from './meetings';
export * from './schemas';
export * from './votes';
