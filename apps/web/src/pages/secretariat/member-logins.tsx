import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { LoadedView } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { DateTime } from '../../components/time';
import { useAction } from '../../lib/use-action';
import { useApi } from '../../lib/use-api';

/**
 * A person's logins for the secretariat: the linked identities (each with "Fjern kobling"), the open invitation, and
 * "Inviter til innlogging" (an e-mail with a single-use link; a new one replaces the earlier).
 */
export function MemberLogins({ personId, name }: { personId: string; name: string }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button variant="tertiary" data-size="sm" onClick={() => setOpen(true)} aria-label={`Innlogging for ${name}`}>
        Innlogging …
      </Button>
    );
  }
  return <LoginsPanel personId={personId} name={name} />;
}

function LoginsPanel({ personId, name }: { personId: string; name: string }) {
  const path = { path: { id: personId } };
  const loaded = useApi(() => unwrap(api.GET('/persons/{id}/identities', { params: path })), [personId]);
  const action = useAction(loaded.reload);
  const [sentTo, setSentTo] = useState<string>();
  const invite = () =>
    action.run(async () => {
      const sent = await unwrap(api.POST('/persons/{id}/invitations', { params: path }));
      setSentTo(sent.email);
    });
  const unlink = (issuer: string, subject: string) => {
    if (!window.confirm(`Fjerne koblingen mellom ${name} og innloggingen ${subject}?`)) return;
    void action.run(() =>
      unwrap(api.DELETE('/persons/{id}/identities', { params: { ...path, query: { issuer, subject } } })),
    );
  };
  return (
    <div style={{ display: 'grid', gap: 'var(--ds-size-2)' }}>
      <ProblemAlert problem={action.problem} />
      <LoadedView loaded={loaded}>
        {(info) => (
          <>
            {info.identities.length === 0 ? (
              <Paragraph data-size="sm">Ingen innlogging er knyttet til {name}.</Paragraph>
            ) : (
              <ul style={{ margin: 0 }}>
                {info.identities.map((i) => (
                  <li key={`${i.issuer}|${i.subject}`}>
                    {i.issuer} – {i.subject} (knyttet <DateTime value={i.linkedAt} />){' '}
                    <Button
                      variant="tertiary"
                      data-size="sm"
                      disabled={action.busy}
                      onClick={() => unlink(i.issuer, i.subject)}
                    >
                      Fjern kobling
                    </Button>
                  </li>
                ))}
              </ul>
            )}
            {info.openInvitation && (
              <Paragraph data-size="sm">
                Invitasjon sendt <DateTime value={info.openInvitation.createdAt} />, gjelder til{' '}
                <DateTime value={info.openInvitation.expiresAt} />.
              </Paragraph>
            )}
          </>
        )}
      </LoadedView>
      {sentTo && <Paragraph data-size="sm">Invitasjonen er sendt til {sentTo}.</Paragraph>}
      <div>
        <Button variant="secondary" data-size="sm" disabled={action.busy} onClick={() => void invite()}>
          Inviter til innlogging
        </Button>
      </div>
    </div>
  );
}
