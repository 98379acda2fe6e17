import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { MAX_ATTACHMENT_BYTES } from '@samflyt/domain';
import { invalidInput } from '@samflyt/workflows';
import type { Response } from 'express';

/** `multipart/form-data` with one `file` of at most 20 MB. */
export const FileUpload = (): MethodDecorator =>
  applyDecorators(
    UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5 } })),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary', description: 'At most 20 MB' } },
      },
    }),
  );

export interface UploadedFileLike {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

export function uploaded(file: UploadedFileLike | undefined): { filename: string; mediaType: string; content: Buffer } {
  if (!file || !Buffer.isBuffer(file.buffer)) {
    throw invalidInput([{ field: 'file', message: 'send one file as multipart/form-data in the field "file"' }]);
  }
  // Multer reads the name as latin1; browsers send UTF-8.
  const filename = Buffer.from(file.originalname, 'latin1').toString('utf8');
  return { filename, mediaType: file.mimetype, content: file.buffer };
}

export function sendFile(res: Response, file: { filename: string; mediaType: string; content: Buffer }): void {
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res
    .status(200)
    .type(file.mediaType)
    .setHeader('X-Content-Type-Options', 'nosniff')
    .setHeader(
      'Content-Disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    )
    .send(file.content);
}
