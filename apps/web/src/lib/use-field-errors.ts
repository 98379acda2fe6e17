import { useState } from 'react';
import type { FieldErrors } from '../api/problem';

/** The messages a form shows at its fields, by field name: from its own checks, or from the API's problem+json. */
export function useFieldErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  /** Keeps the messages of the rules that fail (a rule is its message, or false); true when none does. */
  const check = (rules: Record<string, string | false | undefined>): boolean => {
    const found = Object.fromEntries(Object.entries(rules).filter(([, message]) => message)) as FieldErrors;
    setErrors(found);
    return Object.keys(found).length === 0;
  };
  return { errors, setErrors, check };
}
