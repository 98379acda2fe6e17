import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { CasesController } from './cases.controller';

@Module({ imports: [MeetingsModule], controllers: [CasesController] })
export class CasesModule {}
