export * from './grant-application.service';
export * from './grant-round.service';
export { pageOf, viaGrants, type Page, type PageRequest } from './grants-common';
export * from './innstilling.document';
