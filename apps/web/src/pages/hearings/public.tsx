import {
  Alert,
  Card,
  CardBlock,
  Heading,
  Link,
  ListItem,
  ListOrdered,
  Paragraph,
  Spinner,
} from '@digdir/designsystemet-react';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { DateTime } from '../../components/time';
import { useApi } from '../../lib/use-api';
import { AnswerView, AttachmentList, HearingBasics, HearingDeadline, HearingStateTag, ProposalText } from './labels';

/** The front page's list of hearings: open ones first (answer by the deadline), then closed ones with answers. */
export function PublicHearingsSection() {
  const loaded = useApi(() => unwrap(api.GET('/public/hearings', { params: { query: { pageSize: 10 } } })), []);
  return (
    <section aria-labelledby="horinger">
      <Heading level={2} data-size="md" id="horinger">
        Høringer
      </Heading>
      {loaded.problem && <ProblemAlert problem={loaded.problem} />}
      {!loaded.data && !loaded.problem && <Spinner aria-label="Laster høringer" data-size="sm" />}
      {loaded.data && loaded.data.items.length === 0 && (
        <Alert data-color="info" style={{ marginTop: 'var(--ds-size-4)' }}>
          <Paragraph>
            Det er ingen publiserte høringer akkurat nå. Høringssvar publiseres her når høringen er avsluttet.
          </Paragraph>
        </Alert>
      )}
      {loaded.data && loaded.data.items.length > 0 && (
        <div className="cards" data-testid="public-hearings">
          {loaded.data.items.map((h) => (
            <Card key={h.id} data-color="neutral">
              <CardBlock>
                <Heading level={3} data-size="xs">
                  <Link href={`/horinger/${h.id}`}>{h.title}</Link>
                </Heading>
                <Paragraph data-size="sm">
                  <HearingStateTag state={h.state} /> {h.committee.name}
                </Paragraph>
                {h.deadline && (
                  <Paragraph data-size="sm">
                    Høringsfrist <HearingDeadline hearing={h} dateOnly />
                  </Paragraph>
                )}
              </CardBlock>
            </Card>
          ))}
        </div>
      )}
    </section>
  );
}

/** A hearing as anyone may read it: the proposal, questions, deadline, files; after closing, the answers. */
export function PublicHearingPage() {
  const { id = '' } = useParams();
  const loaded = useApi(() => unwrap(api.GET('/public/hearings/{id}', { params: { path: { id } } })), [id]);
  return (
    <LoadedView loaded={loaded}>
      {(h) => (
        <>
          <Title>{`Høring: ${h.title}`}</Title>
          <dl className="facts">
            <HearingBasics hearing={h} />
            <dt>Sendt på høring</dt>
            <dd>
              <DateTime value={h.sentAt} dateOnly />
            </dd>
            <dt>Høringsfrist</dt>
            <dd>
              <HearingDeadline hearing={h} />
            </dd>
            <dt>Høringsinstanser</dt>
            <dd>
              {h.recipients.length} ({h.recipients.filter((r) => r.answered).length} har svart)
            </dd>
          </dl>
          {h.withdrawnReason && (
            <Alert data-color="warning">
              <Paragraph>Høringen er trukket: {h.withdrawnReason}</Paragraph>
            </Alert>
          )}
          <section aria-labelledby="notat">
            <Heading level={2} data-size="md" id="notat">
              Høringsnotat
            </Heading>
            <ProposalText text={h.proposal} />
          </section>
          <section aria-labelledby="sporsmal">
            <Heading level={2} data-size="md" id="sporsmal">
              Spørsmål til høringsinstansene
            </Heading>
            <ListOrdered>
              {h.questions.map((q) => (
                <ListItem key={q.id}>{q.text}</ListItem>
              ))}
            </ListOrdered>
          </section>
          <section aria-labelledby="vedlegg">
            <Heading level={2} data-size="md" id="vedlegg">
              Vedlegg
            </Heading>
            <AttachmentList
              attachments={h.attachments}
              href={(a) => `/api/public/hearings/${h.id}/attachments/${a.id}`}
            />
          </section>
          <section aria-labelledby="svar">
            <Heading level={2} data-size="md" id="svar">
              Høringssvar
            </Heading>
            {!h.answersPublished ? (
              <Paragraph>Høringssvarene publiseres her når høringsfristen er ute.</Paragraph>
            ) : h.answers.length === 0 && h.withheld.length === 0 ? (
              <Paragraph>Det kom ingen høringssvar.</Paragraph>
            ) : (
              <div data-testid="public-answers" style={{ display: 'grid', gap: 'var(--ds-size-6)' }}>
                {h.answers.map((a) => (
                  <AnswerView
                    key={a.id}
                    answer={a}
                    questions={h.questions}
                    attachmentHref={(f) => `/api/public/hearings/${h.id}/attachments/${f.id}`}
                  />
                ))}
                {h.withheld.map((w) => (
                  <article key={w.organisation} aria-label={`Høringssvar fra ${w.organisation}`}>
                    <Heading level={3} data-size="xs">
                      {w.organisation}
                    </Heading>
                    <Paragraph>
                      <em>Svaret er ikke offentliggjort: {w.reason}</em>
                    </Paragraph>
                  </article>
                ))}
              </div>
            )}
          </section>
        </>
      )}
    </LoadedView>
  );
}
