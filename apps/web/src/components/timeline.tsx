import { Paragraph } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { DateTime } from './time';

interface JournalEntry {
  seq: number;
  at: string;
  actor: { name: string };
}

/** A process' journal as a timeline, oldest first: what happened (`describe`), when, and by whom. */
export function Timeline<T extends JournalEntry>({
  entries,
  describe,
}: {
  entries: T[];
  describe: (entry: T) => ReactNode;
}) {
  return (
    <ol className="timeline" data-testid="timeline" aria-label="Historikk, eldste først">
      {entries.map((e) => (
        <li key={e.seq}>
          <Paragraph>{describe(e)}</Paragraph>
          <Paragraph data-size="sm">
            <DateTime value={e.at} />, av {e.actor.name}
          </Paragraph>
        </li>
      ))}
    </ol>
  );
}
