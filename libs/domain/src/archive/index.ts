export * from './archive-set';
export * from './archive.repository';
export * from './noark5';
export * from './deposit';
