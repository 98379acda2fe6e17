import { Paragraph } from '@digdir/designsystemet-react';
import { Title } from '../components/guards';
import { useSession } from '../lib/session';

/**
 * Where a login the register knows no person for lands (the web server sends it here after the callback): who to
 * contact, not an error. The identity is linked when the secretariat invites the person and they log in through
 * the invitation.
 */
export function UnlinkedPage() {
  const { session } = useSession();
  return (
    <>
      <Title>Du er ikke registrert ennå</Title>
      <Paragraph>
        {session.authenticated && session.name
          ? `Du er logget inn som ${session.name}, men `
          : 'Du er logget inn, men '}
        vi finner deg ikke i helsefellesskapets register over utvalgsmedlemmer og saksbehandlere.
      </Paragraph>
      <Paragraph>
        Ta kontakt med sekretariatet i helsefellesskapet. De kan sende deg en invitasjon på e-post. Når du logger inn
        gjennom lenken i invitasjonen, blir innloggingen din knyttet til deg, og du får tilgang til utvalgene du er med
        i.
      </Paragraph>
    </>
  );
}
