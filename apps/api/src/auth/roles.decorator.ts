import { SetMetadata } from '@nestjs/common';

export const ANY_OF_ROLES = 'samflyt:any-of-roles';

/** The token must carry at least one of these roles; checked by the global guard after authentication. */
export const AnyOfRoles = (...roles: string[]): MethodDecorator & ClassDecorator => SetMetadata(ANY_OF_ROLES, roles);
