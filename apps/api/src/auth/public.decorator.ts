import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'samflyt:public';

/** Opens a route to requests without a token (the global guard requires one everywhere else). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
