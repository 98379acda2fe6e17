import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { problemDescriptions } from './problems/api-problems.decorator';
import { PROBLEM_CONTENT_TYPE } from './problems/problem';
import { ProblemDto } from './problems/problem.dto';

/** OpenAPI at /docs (Swagger UI) and /docs-json. Served by Express directly: no token needed. */
export function mountOpenApi(app: INestApplication): void {
  const document = openApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}

/** The OpenAPI document of the app's controllers (also written at build time for the web client's types). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('samflyt API')
    .setDescription(
      'Durable workflows for the helsefellesskap: start instances, send events, read state and history. ' +
        'Every route but /health and /docs needs `Authorization: Bearer <jwt>` (HS256; claims sub, name, roles, ' +
        'optional email). Errors are RFC 9457 `application/problem+json`. The queue board is at /admin/queues ' +
        '(role admin; open it once with `?token=<jwt>`).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Hearing-Token' }, 'hearing-link')
    .build();
  // nestjs-zod turns the zod schemas of request DTOs into their OpenAPI schemas.
  return withServerErrors(cleanupOpenApiDoc(SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto] })));
}

/** Every operation may answer 500 problem+json. */
function withServerErrors(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = path[method];
      if (!operation) continue;
      operation.responses['500'] ??= {
        description: problemDescriptions[500],
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
      };
    }
  }
  return document;
}
