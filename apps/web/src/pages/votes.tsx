import { Alert, Button, Fieldset, FieldsetLegend, Heading, Link, Paragraph, Radio } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api, idempotencyKey, unwrap, type Schemas } from '../api/client';
import { DataTable } from '../components/data-table';
import { FieldError } from '../components/fields';
import { Title } from '../components/guards';
import { LoadedView } from '../components/loading';
import { ProblemAlert } from '../components/problem-alert';
import { StateTag } from '../components/state-tag';
import { DateTime } from '../components/time';
import { relativeDays } from '../lib/format';
import { useSession } from '../lib/session';
import { useAction } from '../lib/use-action';
import { useApi } from '../lib/use-api';
import { useFieldErrors } from '../lib/use-field-errors';
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
            <DataTable
              caption="Åpne avstemninger der du har stemmerett"
              rows={list}
              rowKey={(v) => v.voteId}
              columns={[
                {
                  header: 'Sak',
                  cell: (v) => (
                    <Link href={`/avstemninger/${v.voteId}`}>
                      {v.caseRef} {v.caseTitle}
                    </Link>
                  ),
                },
                { header: 'Utvalg', cell: (v) => v.committeeCode },
                {
                  header: 'Frist',
                  cell: (v) =>
                    v.deadline ? (
                      <>
                        <DateTime value={v.deadline} /> ({relativeDays(v.deadline)})
                      </>
                    ) : (
                      'I møtet'
                    ),
                },
                {
                  header: 'Din stemme',
                  cell: (v) =>
                    v.voted ? (
                      <StateTag state="sent" label="Avgitt" />
                    ) : (
                      <StateTag state="pending" label="Ikke avgitt" />
                    ),
                },
              ]}
            />
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
              <DataTable
                zebra
                caption="Hvem som kan stemme, og hvem som har stemt (ikke hva, før avstemningen er avsluttet)"
                rows={v.eligible}
                rowKey={(e) => e.personId}
                columns={[
                  { header: 'Navn', cell: (e) => `${e.name}${e.inPlaceOfName ? ` (for ${e.inPlaceOfName})` : ''}` },
                  { header: 'Side', cell: (e) => e.party },
                  { header: 'Har stemt', cell: (e) => (e.hasVoted ? 'Ja' : 'Nei') },
                  !!v.ballots && {
                    header: 'Stemme',
                    cell: (e) =>
                      choices[(v.ballots?.find((b) => b.personId === e.personId)?.choice ?? '') as Choice] ?? '–',
                  },
                ]}
              />
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
  const { errors, check } = useFieldErrors();
  const action = useAction(onDone);
  // One key per intended ballot: a double click or a retry after a lost answer casts it once.
  const [key] = useState(idempotencyKey);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!check({ choice: !choice && 'Velg hvordan du stemmer' }) || !choice) return;
    void action.run(() =>
      unwrap(
        api.POST('/votes/{id}/ballots', {
          params: { path: { id: vote.id }, header: { 'Idempotency-Key': key } },
          body: { choice },
        }),
      ),
    );
  };
  return (
    <form onSubmit={submit} noValidate style={{ display: 'grid', gap: 'var(--ds-size-4)', maxWidth: '40rem' }}>
      <ProblemAlert problem={action.problem} />
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
            aria-invalid={!!errors.choice}
          />
        ))}
        <FieldError error={errors.choice} alert />
      </Fieldset>
      <div>
        <Button type="submit" disabled={action.busy}>
          Avgi stemme
        </Button>
      </div>
    </form>
  );
}
