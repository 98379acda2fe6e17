import { Spinner } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import type { Loaded } from '../lib/use-api';
import { ProblemAlert } from './problem-alert';

/** The three states of a loaded view: spinner, problem, content. */
export function LoadedView<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  if (loaded.problem) return <ProblemAlert problem={loaded.problem} />;
  if (loaded.data === undefined) return <Spinner aria-label="Laster inn" data-size="md" />;
  return <>{children(loaded.data)}</>;
}
