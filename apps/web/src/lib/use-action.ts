import { useState } from 'react';
import { asProblem, type Problem } from '../api/problem';

export interface Action {
  /** The problem of the last change, for <ProblemAlert>; cleared when the next one starts. */
  problem: Problem | undefined;
  /** A change is under way (buttons are disabled meanwhile). */
  busy: boolean;
  /**
   * Runs one change. On success `onDone` runs and it resolves to true; on failure the problem is kept and handed to
   * `onProblem` (to mark the fields it names), and it resolves to false.
   */
  run: (call: () => Promise<unknown>, onProblem?: (problem: Problem) => void) => Promise<boolean>;
  /** Shows a problem found before sending (or clears it). */
  setProblem: (problem: Problem | undefined) => void;
}

/** The one way a view makes a change and reports what went wrong: `onDone` typically reloads the view. */
export function useAction(onDone?: () => void): Action {
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const run: Action['run'] = async (call, onProblem) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await call();
      onDone?.();
      return true;
    } catch (error) {
      const found = asProblem(error);
      setProblem(found);
      onProblem?.(found);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { problem, busy, run, setProblem };
}
