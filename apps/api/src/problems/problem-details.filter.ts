import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { instanceOf, sendProblem } from './problem';
import { toProblem } from './problem-mapping';

/** The one place errors become responses: RFC 9457 `application/problem+json`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const { problem, headers, unexpected } = toProblem(error);
    if (unexpected) {
      this.logger.error(
        `${req.method} ${instanceOf(req.originalUrl)} failed: ${error instanceof Error ? error.message : String(error)}`,
        error instanceof Error ? error.stack : undefined,
      );
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    sendProblem(res, { ...problem, instance: instanceOf(req.originalUrl) }, headers);
  }
}
