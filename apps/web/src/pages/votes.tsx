import {
  Alert,
  Button,
  Fieldset,
  FieldsetLegend,
  Heading,
  Link,
  Paragraph,
  Radio,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api, idempotencyKey, unwrap, type Schemas } from '../api/client';
import { ApiProblem, type Problem } from '../api/problem';
import { Title } from '../components/guards';
import { LoadedView } from '../components/loading';
import { ProblemAlert } from '../components/problem-alert';
import { StateTag } from '../components/state-tag';
import { DateTime } from '../components/time';
import { relativeDays } from '../lib/format';
import { useSession } from '../lib/session';
import { useApi } from '../lib/use-api';
import { ruleNames } from './committees';

const choices = { for: 'For forslaget', against: 'Mot forslaget', abstain: 'Avstår' } as const;
type Choice = keyof typeof choices;

export function MyVotesPage() {
  const loaded = useApi(() => unwrap(api.GET('/dashboard/my-votes')), []);
  return (
    <>
      <Title>Mine avstemninger</Title>
      <LoadedView loaded={loaded}>
        {(list) =>
          list.length === 0 ? (
            <Paragraph>Du har ingen åpne avstemninger.</Paragraph>
          ) : (
            <div className="table-wrap">
              <Table>
                <caption>Åpne avstemninger der du har stemmerett</caption>
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>Sak</TableHeaderCell>
                    <TableHeaderCell>Utvalg</TableHeaderCell>
                    <TableHeaderCell>Frist</TableHeaderCell>
                    <TableHeaderCell>Din stemme</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {list.map((v) => (
                    <TableRow key={v.voteId}>
                      <TableCell>
                        <Link href={`/avstemninger/${v.voteId}`}>
                          {v.caseRef} {v.caseTitle}
                        </Link>
                      </TableCell>
                      <TableCell>{v.committeeCode}</TableCell>
                      <TableCell>
                        {v.deadline ? (
                          <>
                            <DateTime value={v.deadline} /> ({relativeDays(v.deadline)})
                          </>
                        ) : (
                          'I møtet'
                        )}
                      </TableCell>
                      <TableCell>
                        {v.voted ? (
                          <StateTag state="sent" label="Avgitt" />
                        ) : (
                          <StateTag state="pending" label="Ikke avgitt" />
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )
        }
      </LoadedView>
    </>
  );
}

export function VotePage() {
  const { id = '' } = useParams();
  const { me } = useSession();
  const loaded = useApi(() => unwrap(api.GET('/votes/{id}', { params: { path: { id } } })), [id]);
  return (
    <LoadedView loaded={loaded}>
      {(v) => {
        const mine = v.eligible.find((e) => e.personId === me?.person.id);
        return (
          <>
            <Title>{`Avstemning i sak ${v.caseRef} ${v.caseTitle}`}</Title>
            <dl className="facts">
              <dt>Utvalg</dt>
              <dd>{v.committeeCode}</dd>
              <dt>Form</dt>
              <dd>{v.mode === 'written' ? 'Skriftlig avstemning' : 'Avstemning i møtet'}</dd>
              <dt>Beslutningsregel</dt>
              <dd>{ruleNames[v.rule]}</dd>
              <dt>Status</dt>
              <dd>
                <StateTag state={v.state} />
              </dd>
              {v.deadline && (
                <>
                  <dt>Frist</dt>
                  <dd>
                    <DateTime value={v.deadline} /> ({relativeDays(v.deadline)})
                  </dd>
                </>
              )}
              <dt>Avgitte stemmer</dt>
              <dd>
                {v.voted} av {v.eligible.length}
              </dd>
            </dl>
            <Paragraph>
              <Link href={`/saker/${v.caseId}`}>Les saksfremlegget</Link>
            </Paragraph>
            {v.state === 'open' && mine && !mine.hasVoted && <CastBallot vote={v} onDone={loaded.reload} />}
            {v.state === 'open' && mine?.hasVoted && (
              <Alert data-color="success" data-testid="ballot-receipt">
                <Paragraph>Din stemme er registrert. Resultatet vises når avstemningen er avsluttet.</Paragraph>
              </Alert>
            )}
            {v.state === 'open' && !mine && (
              <Alert data-color="info">
                <Paragraph>Du har ikke stemmerett i denne avstemningen.</Paragraph>
              </Alert>
            )}
            {v.state === 'closed' && v.result && (
              <section aria-labelledby="resultat">
                <Heading level={2} data-size="md" id="resultat">
                  Resultat
                </Heading>
                <Paragraph data-testid="vote-result">
                  {String((v.result as { summary?: string }).summary ?? '')}
                </Paragraph>
              </section>
            )}
            <section aria-labelledby="stemmeberettigede">
              <Heading level={2} data-size="md" id="stemmeberettigede">
                Stemmeberettigede
              </Heading>
              <div className="table-wrap">
                <Table zebra>
                  <caption>
                    Hvem som kan stemme, og hvem som har stemt (ikke hva, før avstemningen er avsluttet)
                  </caption>
                  <TableHead>
                    <TableRow>
                      <TableHeaderCell>Navn</TableHeaderCell>
                      <TableHeaderCell>Side</TableHeaderCell>
                      <TableHeaderCell>Har stemt</TableHeaderCell>
                      {v.ballots && <TableHeaderCell>Stemme</TableHeaderCell>}
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {v.eligible.map((e) => (
                      <TableRow key={e.personId}>
                        <TableCell>
                          {e.name}
                          {e.inPlaceOfName ? ` (for ${e.inPlaceOfName})` : ''}
                        </TableCell>
                        <TableCell>{e.party}</TableCell>
                        <TableCell>{e.hasVoted ? 'Ja' : 'Nei'}</TableCell>
                        {v.ballots && (
                          <TableCell>
                            {choices[(v.ballots.find((b) => b.personId === e.personId)?.choice ?? '') as Choice] ?? '–'}
                          </TableCell>
                        )}
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
              {v.excluded.length > 0 && (
                <Paragraph data-size="sm">
                  Holdt utenfor:{' '}
                  {v.excluded.map((x) => `${x.name} (${x.reason === 'inhabil' ? 'inhabil' : x.reason})`).join(', ')}.
                </Paragraph>
              )}
            </section>
          </>
        );
      }}
    </LoadedView>
  );
}

function CastBallot({ vote, onDone }: { vote: Schemas['VoteDto']; onDone: () => void }) {
  const [choice, setChoice] = useState<Choice | ''>('');
  const [error, setError] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  // One key per intended ballot: a double click or a retry after a lost answer casts it once.
  const [key] = useState(idempotencyKey);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!choice) return setError('Velg hvordan du stemmer');
    setError(undefined);
    setBusy(true);
    try {
      await unwrap(
        api.POST('/votes/{id}/ballots', {
          params: { path: { id: vote.id }, header: { 'Idempotency-Key': key } },
          body: { choice },
        }),
      );
      onDone();
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err.problem);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate style={{ display: 'grid', gap: 'var(--ds-size-4)', maxWidth: '40rem' }}>
      {problem && <ProblemAlert problem={problem} />}
      <Fieldset>
        <FieldsetLegend>Din stemme</FieldsetLegend>
        {(Object.keys(choices) as Choice[]).map((c) => (
          <Radio
            key={c}
            name="choice"
            value={c}
            label={choices[c]}
            checked={choice === c}
            onChange={() => setChoice(c)}
            aria-invalid={!!error}
          />
        ))}
        {error && (
          <Paragraph data-size="sm" role="alert" style={{ color: 'var(--ds-color-danger-text-subtle)' }}>
            {error}
          </Paragraph>
        )}
      </Fieldset>
      <div>
        <Button type="submit" disabled={busy}>
          Avgi stemme
        </Button>
      </div>
    </form>
  );
}
