import {
  applyDecorators,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiResponse } from '@nestjs/swagger';
import { formatBytes, MAX_ATTACHMENT_BYTES, sniffMediaType, UnsupportedFileTypeError } from '@samflyt/domain';
import { invalidInput } from '@samflyt/engine';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { UploadLimit } from '../problems/upload-limit';
import { RateLimit } from './rate-limit';

const NOT_MULTIPART = 'send one file as multipart/form-data in the field "file"';

/**
 * Multer hands any `multipart/*` body to busboy, which throws on all but `multipart/form-data` (a 500);
 * another multipart type, or form-data without a boundary, is refused here as bad input first.
 */
class MultipartFormData implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const type = context.switchToHttp().getRequest<Request>().headers['content-type'] ?? '';
    if (/^\s*multipart\//i.test(type) && !/^\s*multipart\/form-data\s*;.*\bboundary=[^;\s]+/i.test(type)) {
      throw invalidInput([{ field: 'file', message: NOT_MULTIPART }]);
    }
    return next.handle();
  }
}

/**
 * `multipart/form-data` with one `file` of at most `limit` bytes (20 MB unless the endpoint says less): 413 naming
 * `file` and the limit above it; at most RATE_LIMIT_UPLOAD_PER_MINUTE a minute from one address. Every upload.
 */
export const FileUpload = (limit: number = MAX_ATTACHMENT_BYTES): MethodDecorator =>
  applyDecorators(
    RateLimit('upload'),
    UseInterceptors(
      MultipartFormData,
      UploadLimit('file', limit),
      FileInterceptor('file', { limits: { fileSize: limit, files: 1, fields: 5 } }),
    ),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary', description: `At most ${formatBytes(limit)}` } },
      },
    }),
  );

export interface UploadedFileLike {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

/**
 * The file of a multipart upload with the media type its content shows (magic bytes), whatever the client declared:
 * a PDF sent as `text/html` is a PDF; a file of no type samflyt takes (HTML among them) is 415.
 */
export function uploaded(file: UploadedFileLike | undefined): { filename: string; mediaType: string; content: Buffer } {
  if (!file || !Buffer.isBuffer(file.buffer)) {
    throw invalidInput([{ field: 'file', message: NOT_MULTIPART }]);
  }
  if (file.buffer.length === 0) throw invalidInput([{ field: 'file', message: 'the file is empty' }]);
  // Multer reads the name as latin1; browsers send UTF-8.
  const filename = Buffer.from(file.originalname, 'latin1').toString('utf8');
  const mediaType = sniffMediaType(file.buffer);
  if (!mediaType) throw new UnsupportedFileTypeError('file', file.mimetype);
  return { filename, mediaType, content: file.buffer };
}

/** Documents an endpoint that answers with a file (`sendFile`). */
export const ApiFileDownload = (): MethodDecorator =>
  ApiResponse({ status: 200, description: 'The file', content: { 'application/octet-stream': {} } });

/**
 * `attachment` with the name twice: as ASCII for old clients (other characters, quotes, backslashes and `%` as `_`)
 * and as RFC 5987 `filename*` in UTF-8 for Norwegian letters (`'`, `(`, `)` and `*` percent-encoded too).
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Every download the API serves: `attachment`, and `nosniff` so a browser takes the type as sent. */
export function sendFile(res: Response, file: { filename: string; mediaType: string; content: Buffer | string }): void {
  res
    .status(200)
    .type(file.mediaType)
    .setHeader('X-Content-Type-Options', 'nosniff')
    .setHeader('Content-Disposition', contentDisposition(file.filename))
    .send(file.content);
}
