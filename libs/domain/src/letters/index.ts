export * from './letter-document';
export * from './letter-rendering';
export * from './letter-sender';
export * from './letter-templates.service';
export * from './letters.migration';
export * from './letters.repository';
export * from './letters.service';
