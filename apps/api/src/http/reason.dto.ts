import { reasonRequest } from '@samflyt/workflows';
import { createZodDto } from 'nestjs-zod';

/** `{ reason }`: the body of every request that only gives a reason (withhold, withdraw, cancel …). */
export class ReasonDto extends createZodDto(reasonRequest) {}
