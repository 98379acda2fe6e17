import {
  Alert,
  Button,
  Details,
  DetailsContent,
  DetailsSummary,
  Heading,
  Paragraph,
  Textfield,
} from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { api, idempotencyKey, unwrap, type Schemas } from '../../api/client';
import { SelectField } from '../../components/fields';
import { LoadedView } from '../../components/loading';
import { Pager } from '../../components/pager';
import { ProblemAlert } from '../../components/problem-alert';
import { TextForm } from '../../components/text-form';
import { DateTime } from '../../components/time';
import { useAction } from '../../lib/use-action';
import { useApi } from '../../lib/use-api';
import { useFieldErrors } from '../../lib/use-field-errors';
import { AnswerView } from './labels';

type Hearing = Schemas['HearingDto'];
type Answer = Schemas['AnswerDto'];

/** The answers, ten a page, each with its versions; the secretariat withholds one from publication or releases it. */
export function Answers({
  hearing: h,
  mayWithhold,
  mayRelease,
  onDone,
}: {
  hearing: Hearing;
  mayWithhold: boolean;
  mayRelease: boolean;
  onDone: () => void;
}) {
  const [page, setPage] = useState(1);
  const loaded = useApi(
    () => unwrap(api.GET('/hearings/{id}/answers', { params: { path: { id: h.id }, query: { page, pageSize: 10 } } })),
    [h.id, page, h.revision],
  );
  return (
    <section aria-labelledby="svar">
      <Heading level={2} data-size="md" id="svar">
        Høringssvar
      </Heading>
      <LoadedView loaded={loaded}>
        {(data) =>
          data.total === 0 ? (
            <Paragraph>Ingen har svart ennå.</Paragraph>
          ) : (
            <>
              <div style={{ display: 'grid', gap: 'var(--ds-size-6)' }} data-testid="answers">
                {data.items.map((a) => (
                  <div key={a.id} data-testid="answer-item">
                    <AnswerView
                      answer={{ ...a, withheldReason: null }}
                      questions={h.questions}
                      attachmentHref={(f) => `/api/hearings/${h.id}/attachments/${f.id}`}
                    />
                    <Paragraph data-size="sm">
                      Versjon {a.version}, sist endret <DateTime value={a.updatedAt} />
                      {a.withheldReason && ` · Ikke offentliggjort: ${a.withheldReason}`}
                    </Paragraph>
                    {a.withheldReason
                      ? mayRelease && <Release hearing={h} answer={a} onDone={onDone} />
                      : mayWithhold && <Withhold hearing={h} answer={a} onDone={onDone} />}
                  </div>
                ))}
              </div>
              <Pager
                page={data.page}
                pageSize={data.pageSize}
                total={data.total}
                onChange={setPage}
                label="Sider med svar"
              />
            </>
          )
        }
      </LoadedView>
    </section>
  );
}

/** Withhold an answer from publication (unntatt offentlighet), with the reason the public page shows. */
function Withhold({ hearing: h, answer: a, onDone }: { hearing: Hearing; answer: Answer; onDone: () => void }) {
  return (
    <Details>
      <DetailsSummary>Ikke offentliggjør svaret fra {a.organisation.name}</DetailsSummary>
      <DetailsContent>
        <TextForm
          label={`Begrunnelse for ikke å offentliggjøre svaret fra ${a.organisation.name}`}
          description="For eksempel: Inneholder taushetsbelagte opplysninger (offl. § 13)."
          required="Skriv begrunnelsen (den vises på den offentlige siden)"
          fieldLabels={{ reason: 'Begrunnelse' }}
          submit="Ikke offentliggjør"
          button={{ variant: 'secondary' }}
          send={(reason) =>
            unwrap(
              api.POST('/hearings/{id}/answers/{answerId}/withhold', {
                params: { path: { id: h.id, answerId: a.id } },
                body: { reason },
              }),
            )
          }
          onDone={onDone}
        />
      </DetailsContent>
    </Details>
  );
}

function Release({ hearing: h, answer: a, onDone }: { hearing: Hearing; answer: Answer; onDone: () => void }) {
  const action = useAction(onDone);
  return (
    <div>
      <ProblemAlert problem={action.problem} />
      <Button
        variant="secondary"
        data-size="sm"
        disabled={action.busy}
        onClick={() =>
          void action.run(() =>
            unwrap(
              api.POST('/hearings/{id}/answers/{answerId}/release', { params: { path: { id: h.id, answerId: a.id } } }),
            ),
          )
        }
      >
        Offentliggjør svaret fra {a.organisation.name} likevel
      </Button>
    </div>
  );
}

/** An answer that came by letter or e-mail, registered by the secretariat (a new version if the recipient answered). */
export function RegisterAnswer({ hearing: h, onDone }: { hearing: Hearing; onDone: () => void }) {
  const [organisationId, setOrganisationId] = useState('');
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [text, setText] = useState('');
  const { errors, check } = useFieldErrors();
  const [key, setKey] = useState(idempotencyKey);
  const [registered, setRegistered] = useState<string>();
  const recipient = h.recipients.find((r) => r.organisationId === organisationId);
  const action = useAction(() => {
    setRegistered(recipient?.name);
    setOrganisationId('');
    setTexts({});
    setText('');
    setKey(idempotencyKey());
    onDone();
  });
  const late = recipient?.deadline ? new Date(recipient.deadline) < new Date() : false;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const valid = check({
      organisationId: !organisationId && 'Velg høringsinstansen som svarte',
      text: !text.trim() && !Object.values(texts).some((t) => t.trim()) && 'Skriv inn svaret',
    });
    if (!valid) return;
    void action.run(() =>
      unwrap(
        api.POST('/hearings/{id}/answers', {
          params: { path: { id: h.id }, header: { 'Idempotency-Key': key } },
          body: {
            organisationId,
            text: text.trim() || undefined,
            answers: h.questions
              .filter((q) => texts[q.id]?.trim())
              .map((q) => ({ questionId: q.id, text: texts[q.id].trim() })),
          },
        }),
      ),
    );
  };
  return (
    <Details>
      <DetailsSummary>Registrer svar mottatt per brev eller e-post</DetailsSummary>
      <DetailsContent>
        <form
          noValidate
          onSubmit={submit}
          className="panel"
          data-testid="register-answer"
          style={{ maxWidth: '44rem' }}
        >
          {registered && (
            <Alert data-color="success" data-testid="answer-registered">
              <Paragraph>Svaret fra {registered} er registrert.</Paragraph>
            </Alert>
          )}
          <ProblemAlert
            problem={action.problem}
            fieldLabels={{ organisationId: 'Høringsinstans', text: 'Svar', answers: 'Svar på spørsmålene' }}
          />
          <SelectField
            label="Høringsinstans *"
            placeholder="Velg …"
            value={organisationId}
            onChange={(e) => setOrganisationId(e.target.value)}
            error={errors.organisationId}
          >
            {h.recipients.map((r) => (
              <option key={r.organisationId} value={r.organisationId}>
                {r.name}
                {r.answerId ? ' (har svart – nytt svar blir en ny versjon)' : ''}
              </option>
            ))}
          </SelectField>
          {late && (
            <Alert data-color="warning">
              <Paragraph>
                Fristen til {recipient!.name} er ute
                {h.acceptLateAnswers ? ': svaret merkes som for sent.' : ', og høringen tar ikke imot svar for sent.'}
              </Paragraph>
            </Alert>
          )}
          {h.questions.map((q) => (
            <Textfield
              key={q.id}
              multiline
              rows={3}
              label={`Svar på: ${q.text}`}
              value={texts[q.id] ?? ''}
              onChange={(e) => setTexts({ ...texts, [q.id]: e.target.value })}
            />
          ))}
          <Textfield
            multiline
            rows={3}
            label="Svaret ellers / andre merknader"
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={errors.text}
          />
          <div>
            <Button type="submit" disabled={action.busy}>
              Registrer svaret
            </Button>
          </div>
        </form>
      </DetailsContent>
    </Details>
  );
}
