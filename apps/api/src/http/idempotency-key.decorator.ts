import { HeaderParam } from './header-param';
import { parseIdempotencyKey } from './request-headers';

/**
 * The `Idempotency-Key` header, checked (1–200 printable ASCII characters; 400 otherwise) and documented on the
 * operation. Optional unless `{ required: true }`: a retry with the same key gets the first answer and changes nothing.
 */
export const IdempotencyKey = (options: { required?: boolean } = {}): ParameterDecorator => {
  const required = options.required ?? false;
  return HeaderParam(
    {
      name: 'Idempotency-Key',
      required,
      description: required
        ? 'A unique key per request (e.g. a UUID); a retry with the same key gets the first answer'
        : 'A retry with the same key gets the first answer and changes nothing',
    },
    (value) => parseIdempotencyKey(value, required),
  );
};
