import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'input.dueAt', description: 'Dotted path of the field, or a header name' })
  field: string;

  @ApiProperty({ example: 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time with offset' })
  message: string;
}

/** RFC 9457 problem details, served as `application/problem+json`. */
export class ProblemDto {
  @ApiProperty({ example: 'https://samflyt.no/problems/event-not-allowed' })
  type: string;

  @ApiProperty({ example: 'Event not allowed in this state' })
  title: string;

  @ApiProperty({ example: 409 })
  status: number;

  @ApiProperty({ example: '"assignment.accepted" is not allowed in state "assigned"; allowed: assignment.delivered' })
  detail: string;

  @ApiPropertyOptional({ example: '/instances/6f1c2d9e-1b7a-4c1e-9a53-2f9d1e0b7c11/events' })
  instance?: string;

  @ApiPropertyOptional({
    type: [FieldErrorDto],
    description: '400 invalid-input, 413 for a file: the offending fields',
  })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({ example: 'assigned', description: '409/422: the state the instance is in' })
  state?: string;

  @ApiPropertyOptional({ type: [String], example: ['assignment.delivered'], description: '409: events allowed now' })
  allowedEvents?: string[];

  @ApiPropertyOptional({ example: 4, description: '412: the current revision' })
  revision?: number;

  @ApiPropertyOptional({ example: 20971520, description: '413 for a file: the limit in bytes' })
  limit?: number;
}
