import { ApiProperty } from '@nestjs/swagger';

/** What every paged list answers beside its items. */
export class PageInfoDto {
  @ApiProperty({ example: 1, description: 'This page, from 1' })
  page: number;

  @ApiProperty({ example: 20 })
  pageSize: number;

  @ApiProperty({ example: 42, description: 'Items matching the filters, on all pages' })
  total: number;
}
