import {
  Button,
  Details,
  DetailsContent,
  DetailsSummary,
  Heading,
  Link,
  Paragraph,
  Textfield,
} from '@digdir/designsystemet-react';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { LoadedView } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../lib/use-action';
import { useApi } from '../../lib/use-api';

type Hearing = Schemas['HearingDto'];

/** The sammendrag: counts, who did not answer, and per question the summary (written here) and its answers. */
export function Summary({
  hearing: h,
  secretariat,
  onDone,
}: {
  hearing: Hearing;
  secretariat: boolean;
  onDone: () => void;
}) {
  const loaded = useApi(
    () => unwrap(api.GET('/hearings/{id}/summary', { params: { path: { id: h.id } } })),
    [h.id, h.revision],
  );
  const editable = secretariat && h.state === 'summary';
  return (
    <section aria-labelledby="sammendrag">
      <Heading level={2} data-size="md" id="sammendrag">
        Sammendrag av høringssvarene
      </Heading>
      <Paragraph>
        Last ned: <Link href={`/api/hearings/${h.id}/summary.pdf`}>PDF</Link> ·{' '}
        <Link href={`/api/hearings/${h.id}/summary.md`}>Markdown</Link> ·{' '}
        <Link href={`/api/hearings/${h.id}/summary.csv`}>CSV (regneark)</Link>
      </Paragraph>
      <LoadedView loaded={loaded}>
        {(s) => (
          <>
            <Paragraph data-testid="summary-counts">
              {s.counts.answered} av {s.counts.recipients} høringsinstanser svarte, i {s.counts.answers} svar (
              {s.counts.jointAnswers} felles){s.counts.late > 0 && `, ${s.counts.late} for sent`}
              {s.counts.withheld > 0 && `, ${s.counts.withheld} ikke offentliggjort`}.
            </Paragraph>
            {s.notAnswered.length > 0 && (
              <Paragraph>Svarte ikke: {s.notAnswered.map((n) => n.name).join(', ')}.</Paragraph>
            )}
            {s.questions.map((q) => (
              <div key={q.id} className="panel">
                <Heading level={3} data-size="xs">
                  {q.text}
                </Heading>
                {editable ? (
                  <SummaryText hearingId={h.id} question={q} onDone={onDone} />
                ) : (
                  <Paragraph style={{ whiteSpace: 'pre-line' }}>
                    {q.summary || 'Sammendraget er ikke skrevet ennå.'}
                  </Paragraph>
                )}
                <Details>
                  <DetailsSummary>Svarene på spørsmålet ({q.answers.length})</DetailsSummary>
                  <DetailsContent>
                    {q.answers.map((a) => (
                      <Paragraph key={a.answerId} data-size="sm">
                        <strong>{a.by}</strong>
                        {a.late && ' (for sent)'}: {a.withheld ? <em>ikke offentliggjort</em> : a.text}
                      </Paragraph>
                    ))}
                  </DetailsContent>
                </Details>
              </div>
            ))}
          </>
        )}
      </LoadedView>
    </section>
  );
}

function SummaryText({
  hearingId,
  question,
  onDone,
}: {
  hearingId: string;
  question: Schemas['SummaryQuestionDto'];
  onDone: () => void;
}) {
  const questionId = question.id;
  const [text, setText] = useState(question.summary ?? '');
  const [saved, setSaved] = useState(false);
  const action = useAction(() => {
    setSaved(true);
    onDone();
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() =>
          unwrap(
            api.PUT('/hearings/{id}/summary/texts/{questionId}', {
              params: { path: { id: hearingId, questionId } },
              body: { text },
            }),
          ),
        );
      }}
    >
      <ProblemAlert problem={action.problem} />
      <Textfield
        multiline
        rows={4}
        label={`Sammendrag: ${question.text}`}
        value={text}
        onChange={(e) => (setText(e.target.value), setSaved(false))}
      />
      <Button type="submit" variant="secondary" data-size="sm" disabled={action.busy}>
        Lagre sammendraget av «{question.text}»
      </Button>
      {saved && <Paragraph data-size="sm">Lagret.</Paragraph>}
    </form>
  );
}
