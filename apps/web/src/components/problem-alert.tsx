import {
  Alert,
  Details,
  DetailsContent,
  DetailsSummary,
  Heading,
  Link,
  ListItem,
  ListUnordered,
  Paragraph,
} from '@digdir/designsystemet-react';
import { norwegianFieldMessage, norwegianProblem, type Problem } from '../api/problem';
import { useSession } from '../lib/session';

/**
 * A problem+json from the API, in Norwegian, with the fields it names and the original text for support; nothing
 * while there is no problem.
 */
export function ProblemAlert({
  problem,
  fieldLabels = {},
}: {
  problem: Problem | undefined;
  fieldLabels?: Record<string, string>;
}) {
  const { session } = useSession();
  if (!problem) return null;
  const { title, text } = norwegianProblem(problem);
  const label = (field: string) => fieldLabels[field] ?? fieldLabels[field.replace(/^input\./, '')] ?? field;
  return (
    <Alert
      data-color={problem.status >= 500 || problem.status === 0 ? 'danger' : 'warning'}
      role="alert"
      data-testid="problem"
    >
      <Heading level={2} data-size="xs" style={{ marginBottom: 'var(--ds-size-2)' }}>
        {title}
      </Heading>
      <Paragraph>{text}</Paragraph>
      {problem.errors && problem.errors.length > 0 && (
        <ListUnordered>
          {problem.errors.map((e) => (
            <ListItem key={`${e.field}:${e.message}`}>
              <strong>{label(e.field)}</strong>: {norwegianFieldMessage(e.message)}
            </ListItem>
          ))}
        </ListUnordered>
      )}
      {problem.status === 401 && (
        <Paragraph>
          <Link href={`/logg-inn?returnTo=${encodeURIComponent(location.pathname)}`}>Logg inn</Link>
        </Paragraph>
      )}
      {problem.status === 403 && !session.authenticated && (
        <Paragraph>
          <Link href={`/logg-inn?returnTo=${encodeURIComponent(location.pathname)}`}>Logg inn</Link> for å se mer.
        </Paragraph>
      )}
      {problem.detail && problem.status !== 0 && (
        <Details>
          <DetailsSummary>Teknisk melding (til brukerstøtte)</DetailsSummary>
          <DetailsContent>
            <Paragraph data-size="sm" lang="en">
              {problem.status} {problem.title}: {problem.detail}
            </Paragraph>
          </DetailsContent>
        </Details>
      )}
    </Alert>
  );
}
