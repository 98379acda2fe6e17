import { HeaderParam } from './header-param';
import { parseIfMatch } from './request-headers';

/** `If-Match` as the revision the caller read (`"3"` → 3), or undefined for none: a moved-on resource is a 412. */
export const IfMatchRevision = (): ParameterDecorator =>
  HeaderParam(
    { name: 'If-Match', required: false, description: 'The revision you read (`"3"`); 412 if it moved on' },
    parseIfMatch,
  );

/** `If-None-Match` as sent: the ETags the caller holds (see `ifNoneMatchHits`). */
export const IfNoneMatch = (): ParameterDecorator =>
  HeaderParam(
    { name: 'If-None-Match', required: false, description: 'An ETag from before: 304 if unchanged' },
    (value) => value,
  );
