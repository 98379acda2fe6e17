import type { INestApplication } from '@nestjs/common';
import { json, type NextFunction, type Request, type Response } from 'express';

export const BODY_LIMIT = '1mb';

/**
 * body-parser's own error for malformed JSON is a SyntaxError, which Nest turns into a bare
 * BadRequestException before filters see it. Re-thrown as this, the problem filter can tell
 * malformed JSON (and a too large body) from other errors.
 */
export class RequestBodyError extends Error {
  readonly expose = true;

  constructor(
    readonly status: number,
    readonly type: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'RequestBodyError';
  }
}

/** JSON bodies up to 1 MB; the app is created with `bodyParser: false`. */
export function useJsonBody(app: INestApplication): void {
  const parse = json({ limit: BODY_LIMIT });
  app.use((req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const e = error as { status?: number; statusCode?: number; type?: string; message?: string };
      const status = e.status ?? e.statusCode ?? 400;
      next(
        status >= 400 && status < 500 ? new RequestBodyError(status, e.type, e.message ?? 'Bad request body') : error,
      );
    }),
  );
}
