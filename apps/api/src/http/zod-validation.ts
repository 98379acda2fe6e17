import { invalidInput, type DomainError, type FieldError } from '@samflyt/engine';
import { createZodValidationPipe } from 'nestjs-zod';
import { z } from 'zod';

const fieldOf = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/**
 * Zod's issues as the API's field errors: the dotted path of the field and what is wrong with it. An unknown key and
 * a value outside a list name the field and say so in the words clients (and the web app's Norwegian texts) know.
 */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: fieldOf([...issue.path, key]),
        message: `property ${key} should not exist`,
      }));
    }
    const field = fieldOf(issue.path) || '(body)';
    if (issue.code === 'invalid_value' && issue.values.length > 1) {
      const name = String(issue.path.at(-1) ?? 'value');
      return [{ field, message: `${name} must be one of the following values: ${issue.values.join(', ')}` }];
    }
    if (issue.code === 'invalid_type' && issue.path.length === 0) {
      return [{ field, message: 'must be a JSON object' }];
    }
    return [{ field, message: issue.message }];
  });
}

const toProblem = (error: unknown): DomainError => invalidInput(fieldErrors(error as z.ZodError));

/**
 * Validates every `@Body()`, `@Query()` and `@Param()` typed with a DTO made by `createZodDto(schema)`: the zod schema
 * is the rule and also the OpenAPI schema. A failure is a 400 invalid-input problem naming each field.
 */
export const ZodValidationPipe = createZodValidationPipe({ createValidationException: toProblem });
