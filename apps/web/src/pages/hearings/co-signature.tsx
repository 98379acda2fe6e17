import { Button, Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { api, idempotencyKey, unwrap, type Schemas } from '../../api/client';
import { ProblemAlert } from '../../components/problem-alert';
import { DateTime } from '../../components/time';
import { useAction } from '../../lib/use-action';

/** «Malvik kommune og Melhus kommune»: names as a Norwegian list. */
export const nameList = (orgs: { name: string }[]): string =>
  new Intl.ListFormat('nb', { type: 'conjunction' }).format(orgs.map((o) => o.name));

/** The answer's text per question and as a whole, as the recipient page shows it. */
export function AnswerTexts({
  answer,
  questions,
}: {
  answer: Schemas['AnswerDto'];
  questions: Schemas['QuestionDto'][];
}) {
  return (
    <>
      {questions.map((q) => (
        <div key={q.id}>
          <Paragraph data-size="sm">
            <strong>{q.text}</strong>
          </Paragraph>
          <Paragraph style={{ whiteSpace: 'pre-line' }}>
            {answer.answers.find((a) => a.questionId === q.id)?.text || '–'}
          </Paragraph>
        </div>
      ))}
      {answer.text && <Paragraph style={{ whiteSpace: 'pre-line' }}>{answer.text}</Paragraph>}
    </>
  );
}

/**
 * Joint answers that name this organisation: they count as its answer only once it confirms here. Each is shown
 * with its text before the button, so the organisation knows what it puts its name to.
 */
export function CoSignatureRequests({
  view,
  headers,
  onConfirmed,
}: {
  view: Schemas['RecipientHearingDto'];
  headers: Record<string, string>;
  onConfirmed: () => void;
}) {
  const action = useAction();
  const [answers, setAnswers] = useState<Record<string, Schemas['AnswerDto']>>({});
  const ids = view.coSignatureRequests.map((r) => r.answerId).join(',');
  useEffect(() => {
    void action.run(async () => {
      const read = await Promise.all(
        view.coSignatureRequests.map((r) =>
          unwrap(api.GET('/respond/answers/{answerId}', { params: { path: { answerId: r.answerId } }, headers })),
        ),
      );
      setAnswers(Object.fromEntries(read.map((a) => [a.id, a])));
    });
  }, [ids]);
  const confirm = (answerId: string) =>
    void action.run(async () => {
      await unwrap(
        api.POST('/respond/answers/{answerId}/confirm-signature', {
          params: { path: { answerId } },
          headers: { ...headers, 'Idempotency-Key': idempotencyKey() },
        }),
      );
      onConfirmed();
    });
  return (
    <section aria-labelledby="felles-svar" data-testid="co-signature-requests">
      <Heading level={2} data-size="md" id="felles-svar">
        Forespørsel om felles høringssvar
      </Heading>
      <ProblemAlert problem={action.problem} />
      {view.coSignatureRequests.map((r) => {
        const answer = answers[r.answerId];
        return (
          <article key={r.answerId} aria-label={`Felles høringssvar fra ${r.lead.name}`}>
            <Paragraph>
              {r.lead.name} har ført opp {view.organisation.name} som medunderskriver på sitt høringssvar. Svaret teller
              som deres svar først når dere bekrefter det; til da kan dere også svare selv.
            </Paragraph>
            {answer ? (
              <>
                <Paragraph data-size="sm">
                  Svaret slik det er nå (versjon {answer.version}, sist endret <DateTime value={answer.updatedAt} />
                  ):
                </Paragraph>
                <blockquote data-testid="co-signature-answer">
                  <AnswerTexts answer={answer} questions={view.questions} />
                  {answer.attachments.length > 0 && (
                    <Paragraph data-size="sm">
                      Vedlegg: {answer.attachments.map((a) => a.filename).join(', ')}
                    </Paragraph>
                  )}
                </blockquote>
                <Button variant="secondary" disabled={action.busy} onClick={() => confirm(r.answerId)}>
                  Bekreft at {view.organisation.name} står på svaret fra {r.lead.name}
                </Button>
              </>
            ) : (
              !action.problem && <Spinner aria-label={`Laster svaret fra ${r.lead.name}`} data-size="sm" />
            )}
          </article>
        );
      })}
    </section>
  );
}
