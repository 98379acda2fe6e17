import { DynamicModule, Global, Module } from '@nestjs/common';
import { ApiEnv } from '@samflyt/domain';

/** The validated environment, injectable as `ApiEnv`. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(env: ApiEnv): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: ApiEnv, useValue: env }], exports: [ApiEnv] };
  }
}
