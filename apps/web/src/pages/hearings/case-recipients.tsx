import { Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { api, idempotencyKey, unwrap, type Schemas } from '../../api/client';
import { DataTable } from '../../components/data-table';
import { ProblemAlert } from '../../components/problem-alert';
import { StateTag } from '../../components/state-tag';
import { DateTime } from '../../components/time';
import { useAction } from '../../lib/use-action';

type Hearing = Schemas['HearingDto'];
type Recipient = Schemas['HearingRecipientDto'];

/** The recipients with their contacts, deadlines and answers; the secretariat extends a deadline from here. */
export function Recipients({
  hearing: h,
  secretariat,
  onDone,
}: {
  hearing: Hearing;
  secretariat: boolean;
  onDone: () => void;
}) {
  const [extending, setExtending] = useState<string>();
  const notAnswered = h.recipients.filter((r) => !r.answerId);
  const extended = h.recipients.find((r) => r.organisationId === extending);
  return (
    <section aria-labelledby="mottakere">
      <Heading level={2} data-size="md" id="mottakere">
        Høringsinstanser
      </Heading>
      {h.state !== 'draft' && (
        <Paragraph data-testid="not-answered">
          {notAnswered.length === 0 ? 'Alle har svart.' : `Ikke svart: ${notAnswered.map((r) => r.name).join(', ')}.`}
        </Paragraph>
      )}
      <DataTable
        zebra
        caption="Høringsinstanser, frister og svar"
        rows={h.recipients}
        rowKey={(r) => r.organisationId}
        columns={[
          { header: 'Høringsinstans', cell: (r) => r.name },
          secretariat && {
            header: 'Kontaktpersoner',
            cell: (r) => r.contacts.map((c) => `${c.name} <${c.email}>`).join(', ') || '–',
          },
          {
            header: 'Frist',
            cell: (r) => (
              <>
                <DateTime value={r.deadline} dateOnly />
                {r.extension && (
                  <>
                    <br />
                    <span style={{ fontSize: '0.875em' }}>Utsatt: {r.extension.reason}</span>
                  </>
                )}
              </>
            ),
          },
          {
            header: 'Svar',
            cell: (r) =>
              r.answerId ? (
                <StateTag
                  state={r.late ? 'overdue' : 'accepted'}
                  label={`${r.joint ? 'Felles svar' : 'Har svart'}${r.late ? ', for sent' : ''}`}
                />
              ) : (
                <StateTag state="pending" label="Ikke svart" />
              ),
          },
          secretariat &&
            h.state === 'open' && {
              header: 'Utsatt frist',
              cell: (r) =>
                !r.answerId && (
                  <Button
                    variant="tertiary"
                    data-size="sm"
                    onClick={() => setExtending(r.organisationId)}
                    aria-label={`Gi utsatt frist til ${r.name}`}
                  >
                    Gi utsatt frist
                  </Button>
                ),
            },
        ]}
      />
      {extended && (
        <Extension
          hearing={h}
          recipient={extended}
          onDone={() => {
            setExtending(undefined);
            onDone();
          }}
        />
      )}
    </section>
  );
}

function Extension({ hearing, recipient, onDone }: { hearing: Hearing; recipient: Recipient; onDone: () => void }) {
  const [deadline, setDeadline] = useState('');
  const [reason, setReason] = useState('');
  const [key] = useState(idempotencyKey);
  const action = useAction(onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(() =>
      unwrap(
        api.POST('/hearings/{id}/recipients/{organisationId}/extension', {
          params: {
            path: { id: hearing.id, organisationId: recipient.organisationId },
            header: { 'Idempotency-Key': key },
          },
          body: { deadline, reason },
        }),
      ),
    );
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className="panel"
      style={{ display: 'grid', gap: 'var(--ds-size-4)', maxWidth: '40rem' }}
    >
      <Heading level={3} data-size="xs">
        Utsatt frist for {recipient.name}
      </Heading>
      <ProblemAlert problem={action.problem} fieldLabels={{ deadline: 'Ny frist', reason: 'Begrunnelse' }} />
      <Textfield type="date" label="Ny frist" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
      <Textfield label="Begrunnelse" value={reason} onChange={(e) => setReason(e.target.value)} />
      <div>
        <Button type="submit" disabled={action.busy}>
          Gi utsatt frist
        </Button>
      </div>
    </form>
  );
}
