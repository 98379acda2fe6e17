import { Tag } from '@digdir/designsystemet-react';
import { stateName } from '../api/problem';

const colors: Record<string, 'danger' | 'success' | 'warning' | 'info' | 'neutral'> = {
  overdue: 'danger',
  failed: 'danger',
  accepted: 'success',
  approved: 'success',
  decided: 'success',
  sent: 'success',
  closed: 'neutral',
  cancelled: 'neutral',
  withdrawn: 'neutral',
  pending: 'warning',
  postponed: 'warning',
  open: 'info',
};

/** A process state or delivery status as a coloured tag with its Norwegian name. */
export function StateTag({ state, label }: { state: string; label?: string }) {
  return (
    <Tag data-color={colors[state] ?? 'info'} data-size="sm">
      {label ?? stateName(state)}
    </Tag>
  );
}
