export * from './klagefrist';
export * from './letter.model';
export * from './letter.schemas';
