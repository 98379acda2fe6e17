export * from './assignment.projection';
