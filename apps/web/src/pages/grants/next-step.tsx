import { Alert, Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, idempotencyKey, unwrap, type Schemas } from '../../api/client';
import { ProblemAlert } from '../../components/problem-alert';
import { TextForm } from '../../components/text-form';
import { useAction } from '../../lib/use-action';
import { settingsOf } from './model';

/** The secretariat's next action for the round's state. */
export function NextStep({ round, onDone }: { round: Schemas['RoundDto']; onDone: () => void }) {
  const [done, setDone] = useState<string>();
  const action = useAction(onDone);
  const step = (call: () => Promise<unknown>, message: string) =>
    void action.run(async () => {
      await call();
      setDone(message);
    });
  const path = { params: { path: { id: round.id }, header: { 'Idempotency-Key': idempotencyKey() } } };
  return (
    <section aria-labelledby="neste">
      <Heading level={2} data-size="md" id="neste">
        Neste steg
      </Heading>
      <ProblemAlert problem={action.problem} />
      {done && (
        <Paragraph role="status" data-testid="step-done">
          {done}
        </Paragraph>
      )}
      {round.state === 'draft' && (
        <TextForm
          label="ASUs godkjenning (saksnummer) *"
          description="For eksempel «ASU sak 45/24». Utlysningen blir offentlig."
          required="Skriv hvor ASU godkjente utlysningen, for eksempel «ASU sak 45/24»"
          submit="Registrer godkjenning"
          send={async (reference) => {
            await unwrap(api.POST('/grant-rounds/{id}/approve', { ...path, body: { reference } }));
            setDone('Utlysningen er godkjent. Den åpner på tidspunktet som er satt.');
          }}
          onDone={onDone}
        />
      )}
      {round.state === 'approved' && (
        <Button onClick={() => step(() => unwrap(api.POST('/grant-rounds/{id}/open', path)), 'Utlysningen er åpnet.')}>
          Åpne for søknader nå
        </Button>
      )}
      {round.state === 'open' && <Paragraph>Utlysningen er åpen. Søknadsfristen lukker den av seg selv.</Paragraph>}
      {round.state === 'closed' && (
        <>
          <Paragraph>
            Når alle innsendte søknader har vært gjennom formell kontroll, kan AU begynne å vurdere.
          </Paragraph>
          <Button
            onClick={() => step(() => unwrap(api.POST('/grant-rounds/{id}/review', path)), 'Vurderingen er startet.')}
          >
            Start vurderingen i AU
          </Button>
        </>
      )}
      {round.state === 'review' && (
        <>
          <Paragraph>
            AU vurderer. <Link href={`/vurdering/${round.id}`}>Se hvem som mangler</Link>. Vurderingen avsluttes ved
            fristen, eller nå når alle har vurdert.
          </Paragraph>
          <Button
            variant="secondary"
            onClick={() =>
              step(() => unwrap(api.POST('/grant-rounds/{id}/close-scoring', path)), 'Vurderingen er avsluttet.')
            }
          >
            Avslutt vurderingen
          </Button>
        </>
      )}
      {round.state === 'recommendation' && (
        <>
          <Paragraph>
            <Link href={`/vurdering/${round.id}/innstilling`}>Gå gjennom innstillingen</Link>, og legg den fram for{' '}
            {settingsOf(round).decidingCommittee} som en sak.
          </Paragraph>
          <Button
            onClick={() =>
              step(
                () =>
                  unwrap(
                    api.POST('/grant-rounds/{id}/innstilling', { ...path, body: { year: new Date().getFullYear() } }),
                  ),
                'Innstillingen er lagt fram som sak.',
              )
            }
          >
            Legg fram innstillingen som sak
          </Button>
        </>
      )}
      {round.state === 'decision' && round.decisionCaseId && (
        <Paragraph>
          Venter på vedtak i <Link href={`/saker/${round.decisionCaseId}`}>saken</Link>.
        </Paragraph>
      )}
      {round.state === 'awarded' && (
        <Button
          onClick={() => step(() => unwrap(api.POST('/grant-rounds/{id}/follow-up', path)), 'Oppfølgingen er startet.')}
        >
          Start oppfølgingen av prosjektene
        </Button>
      )}
      {round.state === 'followUp' && (
        <Button
          onClick={() => step(() => unwrap(api.POST('/grant-rounds/{id}/complete', path)), 'Utlysningen er avsluttet.')}
        >
          Avslutt utlysningen
        </Button>
      )}
      {['completed', 'cancelled'].includes(round.state) && (
        <Alert data-color="info">
          <Paragraph>
            Utlysningen er {round.state === 'cancelled' ? `avlyst: ${round.cancelledReason ?? ''}` : 'avsluttet'}.
          </Paragraph>
        </Alert>
      )}
    </section>
  );
}
