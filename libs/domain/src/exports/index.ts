export * from './csv';
export * from './markdown';
