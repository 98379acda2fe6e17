import { Alert, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { DateTime } from '../../components/time';
import { relativeDays } from '../../lib/format';
import { can, useSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { FormalCheck, InfoRequests } from './application-check';
import { ApplicationForm } from './application-form';
import { History, Letters, Reports } from './application-follow-up';
import { ApplicationAnswers, ApplicationState, kr } from './common';
import { asApplication, settingsOf } from './model';

/** One application: status, answers, the form while a draft, requests for information, letters, reports, history. */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const { roles, me } = useSession();
  const loaded = useApi(async () => {
    const a = asApplication(await unwrap(api.GET('/grant-applications/{id}', { params: { path: { id } } })));
    const round = await unwrap(api.GET('/grant-rounds/{id}', { params: { path: { id: a.roundId } } }));
    return { a, round };
  }, [id]);
  return (
    <LoadedView loaded={loaded}>
      {({ a, round }) => {
        const s = settingsOf(round);
        const mine = a.applicant.personId === me?.person.id;
        return (
          <>
            <Title>{`Søknad: ${a.title || 'uten tittel'}`}</Title>
            <dl className="facts">
              <dt>Utlysning</dt>
              <dd>
                <Link href={`/utlysninger/${round.id}`}>{round.title}</Link>
              </dd>
              <dt>Status</dt>
              <dd>
                <ApplicationState state={a.state} />
              </dd>
              <dt>Søker</dt>
              <dd>
                {a.applicant.name}, {a.organisation.name}
              </dd>
              <dt>Beløp søkt</dt>
              <dd>{kr(a.requestedAmount)}</dd>
              {a.grantedAmount !== null && (
                <>
                  <dt>Innvilget</dt>
                  <dd>{kr(a.grantedAmount)}</dd>
                </>
              )}
              <dt>Søknadsfrist</dt>
              <dd>
                <DateTime value={s.closesAt} /> ({relativeDays(s.closesAt)})
              </dd>
              <dt>Sendt inn</dt>
              <dd>{a.submittedAt ? <DateTime value={a.submittedAt} /> : 'Ikke sendt'}</dd>
              {a.rejectionReason && (
                <>
                  <dt>Begrunnelse for avvisning</dt>
                  <dd>{a.rejectionReason}</dd>
                </>
              )}
            </dl>
            {a.state === 'draft' && mine && round.state === 'open' && (
              <section aria-labelledby="skjema">
                <Heading level={2} data-size="md" id="skjema">
                  Søknadsskjema
                </Heading>
                <ApplicationForm application={a} settings={s} onChanged={loaded.reload} />
              </section>
            )}
            {((a.state === 'draft' && round.state !== 'open') || a.state === 'notSubmitted') && (
              <Alert data-color="warning" data-testid="too-late">
                <Paragraph>
                  Søknaden ble ikke sendt inn før søknadsfristen <DateTime value={s.closesAt} />. Utlysningen tar ikke
                  imot flere søknader.
                </Paragraph>
              </Alert>
            )}
            {a.state === 'submitted' && mine && (
              <Alert data-color="success" data-testid="submitted">
                <Paragraph>
                  Søknaden er sendt inn <DateTime value={a.submittedAt} />. Du har fått en kvittering på e-post.
                  Sekretariatet gjør en formell kontroll før AU vurderer søknaden.
                </Paragraph>
              </Alert>
            )}
            {a.state !== 'draft' && (
              <section aria-labelledby="svar">
                <Heading level={2} data-size="md" id="svar">
                  Svar i søknaden
                </Heading>
                <ApplicationAnswers application={a} settings={s} />
              </section>
            )}
            <InfoRequests a={a} mine={mine} onDone={loaded.reload} />
            {can.secretariat(roles) && a.state === 'submitted' && <FormalCheck a={a} onDone={loaded.reload} />}
            <Letters id={a.id} instanceId={a.instanceId} />
            <Reports a={a} mine={mine} onDone={loaded.reload} />
            <History a={a} />
          </>
        );
      }}
    </LoadedView>
  );
}
