import {
  HttpException,
  HttpStatus,
  mixin,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import { FileTooLargeError } from '@samflyt/domain';
import { catchError, throwError, type Observable } from 'rxjs';

/**
 * Put before the route's `FileInterceptor`: multer's LIMIT_FILE_SIZE (which Nest turns into a bare
 * 413 "File too large") becomes a {@link FileTooLargeError} naming the field and this endpoint's limit.
 */
export function UploadLimit(field: string, limit: number): Type<NestInterceptor> {
  class UploadLimitInterceptor implements NestInterceptor {
    intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
      return next
        .handle()
        .pipe(
          catchError((error: unknown) =>
            throwError(() =>
              error instanceof HttpException && error.getStatus() === HttpStatus.PAYLOAD_TOO_LARGE
                ? new FileTooLargeError(field, limit)
                : error,
            ),
          ),
        );
    }
  }
  return mixin(UploadLimitInterceptor);
}
