export * from './dashboard.repository';
