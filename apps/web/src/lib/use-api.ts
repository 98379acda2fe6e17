import { useCallback, useEffect, useState } from 'react';
import { asProblem, type Problem } from '../api/problem';

export interface Loaded<T> {
  data: T | undefined;
  problem: Problem | undefined;
  loading: boolean;
  reload: () => void;
}

/** Loads with `load` whenever `deps` change; a problem+json is kept for <ProblemAlert>. */
export function useApi<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [problem, setProblem] = useState<Problem>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const run = useCallback(load, deps);
  useEffect(() => {
    let current = true;
    setLoading(true);
    run()
      .then((value) => current && (setData(value), setProblem(undefined)))
      .catch((error: unknown) => current && setProblem(asProblem(error)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [run, tick]);
  return { data, problem, loading, reload: () => setTick((t) => t + 1) };
}
