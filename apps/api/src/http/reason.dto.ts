import { reasonRequest } from '@samflyt/workflows';
import { createZodDto } from 'nestjs-zod';

/** `{ reason }`: why something is cancelled, withdrawn or withheld (every feature's one reason body). */
export class ReasonDto extends createZodDto(reasonRequest) {}
