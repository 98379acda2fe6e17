import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { notFound } from '@samflyt/engine';

/**
 * A path parameter that is the id of a `what` (e.g. `@IdParam('hearing')`, `@IdParam('organisation',
 * 'organisationId')`): documented as a uuid, and a malformed id finds nothing, so it is the same 404 as an unknown one.
 */
export const IdParam = (what: string, name = 'id'): ParameterDecorator => {
  const document: ParameterDecorator = (target, key) => {
    if (key === undefined) return;
    ApiParam({ name, format: 'uuid', description: `${what[0].toUpperCase()}${what.slice(1)} id` })(
      target,
      key,
      Object.getOwnPropertyDescriptor(target, key)!,
    );
  };
  const pipe = new ParseUUIDPipe({ exceptionFactory: () => notFound(what) });
  return (target, key, index) => {
    Param(name, pipe)(target, key, index);
    document(target, key, index);
  };
};
