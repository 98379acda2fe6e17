import { Alert, Button, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState } from 'react';
import { api, unwrap, type Schemas } from '../api/client';
import { Title } from '../components/guards';
import { ProblemAlert } from '../components/problem-alert';
import { useSession } from '../lib/session';
import { useAction } from '../lib/use-action';

/** Where the invitation's token waits while the user logs in (the fragment does not survive the login's redirects). */
const STORED = 'samflyt.invitation';
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * The token of `/invitasjon#<token>`, taken out of the address at once (so it is in no history entry or Referer) and
 * kept in this tab's sessionStorage until the invitation is accepted.
 */
function takeToken(): string | null {
  const fromHash = window.location.hash.slice(1);
  if (TOKEN.test(fromHash)) {
    sessionStorage.setItem(STORED, fromHash);
    window.history.replaceState(null, '', window.location.pathname);
    return fromHash;
  }
  const stored = sessionStorage.getItem(STORED);
  return stored && TOKEN.test(stored) ? stored : null;
}

const refusals: Record<number, string> = {
  404: 'Invitasjonen er allerede brukt, har utløpt eller er erstattet av en nyere. Be sekretariatet om en ny invitasjon.',
  409: 'Denne innloggingen er allerede knyttet til en annen person i registeret. Ta kontakt med sekretariatet.',
};

/**
 * The page an invitation e-mail links to: log in (returning here), then the login is bound to the invited person.
 */
export function InvitationPage() {
  const { session } = useSession();
  const [token] = useState(takeToken);
  const [accepted, setAccepted] = useState<Schemas['AcceptedInvitationDto']>();
  const action = useAction();
  const started = useRef(false);

  useEffect(() => {
    if (!token || !session.authenticated || started.current) return;
    started.current = true;
    void action.run(async () => {
      const result = await unwrap(api.POST('/invitations/accept', { body: { token } }));
      sessionStorage.removeItem(STORED);
      setAccepted(result);
    });
  }, [token, session.authenticated, action]);

  if (!token) {
    return (
      <>
        <Title>Invitasjon</Title>
        <Paragraph>
          Lenken mangler invitasjonskoden. Åpne lenken i e-posten fra sekretariatet på nytt, hele lenken med det som
          står etter #.
        </Paragraph>
      </>
    );
  }
  if (!session.authenticated) {
    return (
      <>
        <Title>Invitasjon til innlogging</Title>
        <Paragraph>
          Du er invitert til å logge inn i samflyt. Logg inn med ID-porten, HelseID eller jobbkontoen din; innloggingen
          du bruker nå, blir knyttet til deg.
        </Paragraph>
        <div>
          <Button asChild>
            <a href={`/logg-inn?returnTo=${encodeURIComponent('/invitasjon')}`}>Logg inn</a>
          </Button>
        </div>
      </>
    );
  }
  const refusal = action.problem && refusals[action.problem.status];
  return (
    <>
      <Title>Invitasjon til innlogging</Title>
      {accepted ? (
        <>
          <Alert data-color="success">
            <Paragraph>Innloggingen din er nå knyttet til {accepted.name}. Neste gang kommer du rett inn.</Paragraph>
          </Alert>
          <Paragraph>
            {/* A full load: the session's person and roles are read again. */}
            <a href="/">Gå til forsiden</a>
          </Paragraph>
        </>
      ) : refusal ? (
        <Alert data-color="danger" role="alert">
          <Paragraph>{refusal}</Paragraph>
        </Alert>
      ) : action.problem ? (
        <ProblemAlert problem={action.problem} />
      ) : (
        <Paragraph>Knytter innloggingen din til invitasjonen …</Paragraph>
      )}
    </>
  );
}
