import {
  ValidationPipe,
  type ArgumentMetadata,
  type INestApplication,
  type LogLevel,
  type LoggerService,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ApiEnv } from '@samflyt/domain';
import { invalidInput } from '@samflyt/engine';
import { mountQueueBoard } from './admin/queue-board';
import { AppModule } from './app.module';
import { ZodValidationPipe } from './http/zod-validation';
import { mountOpenApi } from './openapi';
import { useJsonBody } from './problems/body-parser';
import { ProblemDetailsFilter } from './problems/problem-details.filter';

export interface ApiAppOptions {
  logger?: LoggerService | LogLevel[] | false;
}

/** The configured API, initialised but not listening: `main.ts` listens, tests use supertest. */
export async function createApiApp(env: ApiEnv, options: ApiAppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env), {
    bodyParser: false,
    logger: options.logger,
  });
  app.disable('x-powered-by');
  // ETags are instance revisions, set by the controllers; no content-hash ETags beside them.
  app.set('etag', false);
  useJsonBody(app);
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(
    new ZodValidationPipe(),
    new ClassValidationPipe({ whitelist: true, forbidNonWhitelisted: true, exceptionFactory: validationProblem }),
  );
  mountOpenApi(app);
  mountQueueBoard(app);
  await app.init();
  return app;
}

/**
 * class-validator for the DTOs not yet made from zod schemas; zod DTOs are the ZodValidationPipe's. Transitional:
 * it goes when the last class-validator DTO does (Nest's ValidationPipe loads class-validator itself).
 */
class ClassValidationPipe extends ValidationPipe {
  protected override toValidate(metadata: ArgumentMetadata): boolean {
    const zodDto = (metadata.metatype as { isZodDto?: boolean } | undefined)?.isZodDto === true;
    return !zodDto && super.toValidate(metadata);
  }
}

/** What class-validator reports of one property (its `ValidationError`). */
interface ValidationError {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationError[];
}

/** class-validator errors → 400 invalid-input naming each field, like the engine's own. */
function validationProblem(errors: ValidationError[]): Error {
  const flatten = (list: ValidationError[], prefix: string): { field: string; message: string }[] =>
    list.flatMap((e) => {
      const field = [prefix, e.property].filter(Boolean).join('.') || '(body)';
      const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
      return [...own, ...flatten(e.children ?? [], field)];
    });
  const fields = flatten(errors, '');
  return invalidInput(fields.length > 0 ? fields : [{ field: '(body)', message: 'must be a JSON object' }]);
}
