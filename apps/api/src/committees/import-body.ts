import { invalidInput } from '@samflyt/engine';
import { CommitteeDocumentError, importEnvelope, type DocumentFormat } from '@samflyt/workflows';
import { text, type NextFunction, type Request, type Response } from 'express';
import { BODY_LIMIT, RequestBodyError } from '../problems/body-parser';

export const YAML_MEDIA_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

/** `Content-Type: application/yaml`: the body is the document as text (up to 1 MB, UTF-8). */
export function yamlBody() {
  const parse = text({ type: YAML_MEDIA_TYPES, limit: BODY_LIMIT });
  return (req: Request, res: Response, next: NextFunction): void =>
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const e = error as { status?: number; statusCode?: number; type?: string; message?: string };
      const status = e.status ?? e.statusCode ?? 400;
      next(
        status >= 400 && status < 500 ? new RequestBodyError(status, e.type, e.message ?? 'Bad request body') : error,
      );
    });
}

/**
 * The three ways to send a committee document: `{ format, document }` with the document as text,
 * the document itself as JSON, or the document itself as YAML (Content-Type: application/yaml).
 */
export function importRequest(body: unknown): { document: unknown; format: DocumentFormat } {
  if (typeof body === 'string') return { document: body, format: 'yaml' };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidInput([{ field: '(body)', message: 'must be a committee document or { format, document }' }]);
  }
  if (!('document' in body) && !('format' in body)) return { document: body, format: 'json' };
  const parsed = importEnvelope.safeParse(body, { reportInput: true });
  if (!parsed.success) {
    throw invalidInput(
      parsed.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => ({ field: key, message: 'is not a known field next to format and document' }))
          : [
              {
                field: issue.path.join('.') || '(body)',
                message: issue.input === undefined ? 'is required' : issue.message,
              },
            ],
      ),
    );
  }
  return parsed.data;
}

/** A document that cannot be imported is the caller's error: 400 invalid-input naming each path. */
export function importError(error: unknown): unknown {
  return error instanceof CommitteeDocumentError ? invalidInput(error.errors) : error;
}
