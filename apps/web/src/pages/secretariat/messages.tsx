import {
  Button,
  Details,
  DetailsContent,
  DetailsSummary,
  Link,
  Paragraph,
  Textfield,
} from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { SelectField } from '../../components/fields';
import { FilterBar, SearchFilter } from '../../components/filter-bar';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { PagedTable } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { StateTag } from '../../components/state-tag';
import { DateTime } from '../../components/time';
import { useAction } from '../../lib/use-action';
import { usePagedList } from '../../lib/use-paged-list';

const statusNames: Record<string, string> = { pending: 'Venter', sent: 'Sendt', failed: 'Feilet' };

/** Every e-mail and reminder the system has sent or will send, with its delivery status. */
export function MessagesPage() {
  const list = usePagedList({ status: '', q: '', instanceId: '' }, ({ status, q, instanceId }, paging) =>
    unwrap(
      api.GET('/dashboard/messages', {
        params: {
          query: {
            status: (status || undefined) as 'pending' | 'sent' | 'failed' | undefined,
            q: q || undefined,
            instanceId: instanceId || undefined,
            ...paging,
          },
        },
      }),
    ),
  );
  const { status, q, instanceId } = list.filters;
  return (
    <>
      <Title>E-post og påminnelser</Title>
      <FilterBar label="Filtrer utsendelsene">
        <SelectField
          label="Status"
          placeholder="Alle"
          options={statusNames}
          value={status}
          onChange={(e) => list.setFilters({ status: e.target.value })}
        />
        <SearchFilter
          label="Søk i mottaker og emne"
          defaultValue={q}
          onSearch={(text) => list.setFilters({ q: text })}
        />
      </FilterBar>
      {instanceId && (
        <Paragraph>
          Viser e-post fra én prosess. <Link href={`/prosesser/${instanceId}`}>Til prosessen</Link> ·{' '}
          <Link href="/sekretariat/utsendelser">Vis alle</Link>
        </Paragraph>
      )}
      <LoadedView loaded={list.loaded}>
        {(data) => (
          <PagedTable
            caption="Utsendelser, nyeste først"
            page={data}
            onPage={list.setPage}
            rowKey={(m) => m.id}
            columns={[
              { header: 'Opprettet', cell: (m) => <DateTime value={m.createdAt} /> },
              { header: 'Mottaker', cell: (m) => `${m.recipientName ?? ''} <${m.recipient}>` },
              {
                header: 'Emne og innhold',
                cell: (m) => (
                  <Details>
                    <DetailsSummary>{m.subject}</DetailsSummary>
                    <DetailsContent>
                      <pre style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }}>{m.body}</pre>
                      {m.instanceId && <Link href={`/prosesser/${m.instanceId}`}>Til prosessen</Link>}
                    </DetailsContent>
                  </Details>
                ),
              },
              {
                header: 'Status',
                cell: (m) => (
                  <>
                    <StateTag state={m.status} label={statusNames[m.status] ?? m.status} />
                    {m.sentAt && (
                      <Paragraph data-size="xs">
                        <DateTime value={m.sentAt} />
                      </Paragraph>
                    )}
                    {m.status !== 'sent' && m.attempts > 0 && <Paragraph data-size="xs">{m.attempts} forsøk</Paragraph>}
                    {m.status === 'failed' && <Paragraph data-size="sm">{whyFailed(m.lastError)}</Paragraph>}
                    {m.lastError && (
                      <Paragraph data-size="xs" lang="en">
                        {m.lastError}
                      </Paragraph>
                    )}
                    {m.status === 'failed' && (
                      <ResendMessage id={m.id} recipient={m.recipient} onDone={list.loaded.reload} />
                    )}
                  </>
                ),
              },
            ]}
          />
        )}
      </LoadedView>
    </>
  );
}

/** Why a message failed, in words the secretariat can act on; the technical text is shown beside it. */
export function whyFailed(lastError: string | null): string {
  if (!lastError) return 'Sendingen mislyktes.';
  if (lastError.startsWith('no valid recipient address')) {
    return 'Adressen er ikke en gyldig e-postadresse. Rett adressen og send på nytt.';
  }
  if (lastError.startsWith('delivery given up')) {
    return 'Systemet ga opp etter gjentatte forsøk. Sjekk adressen og send på nytt.';
  }
  if (/\b5\d\d\b/.test(lastError)) {
    return 'Mottakerens e-postserver avviste meldingen. Sjekk adressen og send på nytt.';
  }
  return 'E-postserveren svarte ikke. Send på nytt senere.';
}

/** «Send på nytt»: the address, corrected or kept, and the message goes out again (journaled by the API). */
function ResendMessage({ id, recipient, onDone }: { id: string; recipient: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [address, setAddress] = useState(recipient);
  const action = useAction(onDone);
  if (!open) {
    return (
      <Button variant="secondary" data-size="sm" onClick={() => setOpen(true)}>
        Rett adressen og send på nytt …
      </Button>
    );
  }
  const submitted = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = address.trim();
    void action.run(() =>
      unwrap(
        api.POST('/dashboard/messages/{id}/resend', {
          params: { path: { id } },
          body: trimmed === recipient ? {} : { recipient: trimmed },
        }),
      ),
    );
  };
  return (
    <form onSubmit={submitted} noValidate style={{ display: 'grid', gap: 'var(--ds-size-2)', maxWidth: '24rem' }}>
      <ProblemAlert problem={action.problem} fieldLabels={{ recipient: 'E-postadresse' }} />
      <Textfield
        label="E-postadresse"
        data-size="sm"
        value={address}
        onChange={(e: { target: { value: string } }) => setAddress(e.target.value)}
      />
      <div>
        <Button type="submit" data-size="sm" disabled={action.busy}>
          Send på nytt
        </Button>
      </div>
    </form>
  );
}
