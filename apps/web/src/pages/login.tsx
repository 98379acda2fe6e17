import {
  Alert,
  Button,
  Fieldset,
  FieldsetDescription,
  FieldsetLegend,
  Paragraph,
  Radio,
  Textfield,
} from '@digdir/designsystemet-react';
import { useSearchParams } from 'react-router';
import { Title } from '../components/guards';
import { useSession } from '../lib/session';

const errors: Record<string, string> = {
  utlopt: 'Innloggingen tok for lang tid eller ble avbrutt. Prøv igjen.',
  innlogging: 'Innloggingen mislyktes hos identitetsleverandøren. Prøv igjen.',
  person: 'Velg en person, eller skriv en gyldig e-postadresse.',
};

/** OpenID Connect when the server has an issuer; otherwise the development login as a demo person. */
export function LoginPage() {
  const { session } = useSession();
  const [params] = useSearchParams();
  const returnTo = params.get('returnTo') ?? '/';
  const error = errors[params.get('feil') ?? ''];
  return (
    <>
      <Title>Logg inn</Title>
      {error && (
        <Alert data-color="danger" role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      )}
      {session.authenticated && <Paragraph>Du er allerede logget inn som {session.name}.</Paragraph>}
      {session.login === 'oidc' ? (
        <>
          <Paragraph>
            Du logger inn hos helsefellesskapets identitetsleverandør og kommer tilbake hit etterpå.
          </Paragraph>
          <div>
            <Button asChild>
              <a href={`/auth/login?returnTo=${encodeURIComponent(returnTo)}`}>Logg inn</a>
            </Button>
          </div>
        </>
      ) : (
        <form
          method="post"
          action="/auth/dev-login"
          style={{ display: 'grid', gap: 'var(--ds-size-6)', maxWidth: '40rem' }}
        >
          <Alert data-color="warning">
            <Paragraph>
              Utviklingsinnlogging: ingen identitetsleverandør er satt opp (OIDC_ISSUER). Velg hvem du vil være.
            </Paragraph>
          </Alert>
          <input type="hidden" name="returnTo" value={returnTo} />
          <Fieldset>
            <FieldsetLegend>Demopersoner</FieldsetLegend>
            <FieldsetDescription>Rollene følger av vervene deres i utvalgene.</FieldsetDescription>
            {session.devPersons.map((p, i) => (
              <Radio
                key={p.key}
                name="person"
                value={p.key}
                defaultChecked={i === 0}
                label={p.name}
                description={`${p.description} – ${p.email}`}
              />
            ))}
            <Radio name="person" value="" label="En annen person i registeret (e-post under)" />
          </Fieldset>
          <Textfield
            name="email"
            type="email"
            label="E-post (valgfritt)"
            description="Logg inn som personen i registeret med denne e-postadressen"
            autoComplete="email"
          />
          <div>
            <Button type="submit">Logg inn</Button>
          </div>
        </form>
      )}
    </>
  );
}
