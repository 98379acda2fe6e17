import { Alert, Heading, Link, ListItem, ListOrdered, Paragraph } from '@digdir/designsystemet-react';
import { useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { DateTime } from '../../components/time';
import { can, useSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { Answers, RegisterAnswer } from './case-answers';
import { Recipients } from './case-recipients';
import { Conclude, LateAnswers, Present, SendHearing, StartSummary, UploadAttachment, Withdraw } from './case-steps';
import { Summary } from './case-summary';
import { AttachmentList, DeadlineWarnings, HearingBasics, HearingDeadline, ProposalText } from './labels';

/**
 * A hearing as the secretariat handles it (set-up, sending, answers, non-responders, extensions, the sammendrag,
 * exports, presenting it as a case) and as members of the owning committee read it (no actions).
 */
export function HearingCasePage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { roles } = useSession();
  const secretariat = can.secretariat(roles);
  const loaded = useApi(() => unwrap(api.GET('/hearings/{id}', { params: { path: { id } } })), [id]);
  const reload = loaded.reload;
  return (
    <LoadedView loaded={loaded}>
      {(h) => {
        const allowed = (event: string) => secretariat && h.allowedEvents.includes(event);
        return (
          <>
            <Title>{`Høring: ${h.title}`}</Title>
            {params.get('ny') && h.state === 'draft' && (
              <Alert data-color="success" data-testid="draft-saved">
                <Paragraph>Høringen er lagret som utkast. Se over og send den når den er klar.</Paragraph>
              </Alert>
            )}
            <dl className="facts">
              <HearingBasics hearing={h} />
              <dt>Høringsfrist</dt>
              <dd>
                <HearingDeadline hearing={h} />
              </dd>
              <dt>Sendt</dt>
              <dd>
                <DateTime value={h.sentAt} />
              </dd>
              <dt>Svar</dt>
              <dd data-testid="hearing-counts">
                {h.counts.answered} av {h.counts.recipients} høringsinstanser har svart ({h.counts.answers} svar
                {h.counts.late > 0 && `, ${h.counts.late} for sent`})
              </dd>
              {h.case && (
                <>
                  <dt>Sak</dt>
                  <dd>
                    <Link href={`/saker/${h.case.id}`}>Sak {h.case.ref}</Link>
                  </dd>
                </>
              )}
            </dl>
            {h.withdrawnReason && (
              <Alert data-color="warning">
                <Paragraph>Høringen er trukket: {h.withdrawnReason}</Paragraph>
              </Alert>
            )}
            {(h.state === 'draft' || h.state === 'open') && <DeadlineWarnings warnings={h.warnings} />}
            {secretariat && h.state !== 'draft' && (
              <Paragraph>
                <Link href={`/horinger/${h.id}`}>Se den offentlige siden</Link> ·{' '}
                <Link href={`/prosesser/${h.instanceId}`}>Historikk</Link>
              </Paragraph>
            )}
            {allowed('hearing.sent') && <SendHearing hearing={h} onDone={reload} />}
            {secretariat && h.state === 'draft' && <UploadAttachment hearing={h} onDone={reload} />}
            <section aria-labelledby="notat">
              <Heading level={2} data-size="md" id="notat">
                Høringsnotat
              </Heading>
              <ProposalText text={h.proposal} />
              <Heading level={3} data-size="xs">
                Spørsmål
              </Heading>
              <ListOrdered>
                {h.questions.map((q) => (
                  <ListItem key={q.id}>{q.text}</ListItem>
                ))}
              </ListOrdered>
              <Heading level={3} data-size="xs">
                Vedlegg
              </Heading>
              <AttachmentList attachments={h.attachments} href={(a) => `/api/hearings/${h.id}/attachments/${a.id}`} />
            </section>
            <Recipients hearing={h} secretariat={secretariat} onDone={reload} />
            {secretariat && ['open', 'closed', 'summary'].includes(h.state) && (
              <RegisterAnswer hearing={h} onDone={reload} />
            )}
            {(allowed('lateAnswers.closed') || allowed('lateAnswers.reopened')) && (
              <LateAnswers hearing={h} onDone={reload} />
            )}
            {h.state !== 'draft' && (
              <Answers
                hearing={h}
                mayWithhold={allowed('answer.withheld')}
                mayRelease={allowed('answer.released')}
                onDone={reload}
              />
            )}
            {h.state !== 'draft' && h.state !== 'open' && (
              <Summary hearing={h} secretariat={secretariat} onDone={reload} />
            )}
            {allowed('summary.started') && <StartSummary hearing={h} onDone={reload} />}
            {allowed('hearing.presented') && <Present hearing={h} onDone={reload} />}
            {allowed('hearing.concluded') && <Conclude hearing={h} onDone={reload} />}
            {h.conclusion && (
              <Alert data-color="success" data-testid="conclusion">
                <Paragraph>Høringen er avsluttet: {h.conclusion}</Paragraph>
              </Alert>
            )}
            {allowed('hearing.withdrawn') && <Withdraw hearing={h} onDone={reload} />}
          </>
        );
      }}
    </LoadedView>
  );
}
