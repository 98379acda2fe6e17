export * from './case-followers.projection';
export * from './case-rules';
export * from './case.projection';
export * from './case.service';
export * from './cases.repository';
