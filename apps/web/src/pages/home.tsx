import { Card, CardBlock, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Title } from '../components/guards';
import { can, useSession } from '../lib/session';
import { OpenCalls } from './grants/public';
import { PublicHearingsSection } from './hearings/public';

/** The public front page: what samflyt is, open calls and hearings, and where each user goes. */
export function HomePage() {
  const { session, roles, me } = useSession();
  const shortcuts = [
    {
      show: session.authenticated,
      href: '/utvalg',
      title: 'Utvalg og møter',
      text: 'Møter, saklister, saksdokumenter og vedtak.',
    },
    {
      show: can.voter(roles),
      href: '/avstemninger',
      title: 'Mine avstemninger',
      text: 'Skriftlige avstemninger du kan stemme i.',
    },
    {
      show: can.secretariat(roles),
      href: '/sekretariat',
      title: 'Frister',
      text: 'Det som forfaller de neste 30 dagene, og det som er forfalt.',
    },
    {
      show: can.secretariat(roles),
      href: '/sekretariat/utsendelser',
      title: 'E-post og påminnelser',
      text: 'Hva som er sendt, og om det kom fram.',
    },
  ].filter((s) => s.show);
  return (
    <>
      <Title>Velkommen til samflyt</Title>
      <Paragraph data-size="lg">
        Her følger helsefellesskapet opp saker og møter i ASU og AU, tilskuddsordninger og høringer – med frister og
        påminnelser som går av seg selv.
      </Paragraph>
      {session.authenticated && me && (
        <Paragraph>
          Du er registrert som{' '}
          {me.memberships
            .filter((m) => m.current)
            .map((m) => `${m.role} i ${m.committee.name}`)
            .join(', ') || 'person uten verv'}
          .
        </Paragraph>
      )}
      {shortcuts.length > 0 && (
        <section aria-labelledby="snarveier" className="cards">
          <Heading level={2} data-size="sm" id="snarveier" style={{ gridColumn: '1 / -1' }}>
            Snarveier
          </Heading>
          {shortcuts.map((s) => (
            <Card key={s.href} data-color="neutral">
              <CardBlock>
                <Heading level={3} data-size="xs">
                  <Link href={s.href}>{s.title}</Link>
                </Heading>
                <Paragraph data-size="sm">{s.text}</Paragraph>
              </CardBlock>
            </Card>
          ))}
        </section>
      )}
      <section aria-labelledby="utlysninger">
        <Heading level={2} data-size="md" id="utlysninger">
          Åpne utlysninger
        </Heading>
        <OpenCalls />
      </section>
      <PublicHearingsSection />
      {!session.authenticated && (
        <Paragraph>
          Er du medlem av et utvalg, søker eller i sekretariatet? <Link href="/logg-inn">Logg inn</Link>.
        </Paragraph>
      )}
    </>
  );
}
