export * from './grant-application.service';
export * from './grant-round.service';
export { pageOf, viaGrants } from './grants-common';
export * from './innstilling.document';
