import {
  Alert,
  Button,
  Field,
  Fieldset,
  FieldsetDescription,
  FieldsetLegend,
  Label,
  Link,
  Paragraph,
  Radio,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { api, idempotencyKey, unwrap, uploadFile } from '../../api/client';
import type { Problem } from '../../api/problem';
import { FilePicker } from '../../components/file-picker';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../lib/use-action';
import { closedMessage, grantFieldErrors, grantFieldMessage, kr } from './common';
import type { Application, FormFieldDef, RoundSettings } from './model';

type Answers = Record<string, unknown>;
interface AttachmentRef {
  attachmentId: string;
  filename: string;
  size: number;
}
const isAttachment = (v: unknown): v is AttachmentRef =>
  typeof v === 'object' && v !== null && typeof (v as AttachmentRef).attachmentId === 'string';

const mb = (bytes: number) =>
  bytes >= 1_000_000 ? `${(bytes / 1_000_000).toLocaleString('nb-NO')} MB` : `${Math.ceil(bytes / 1000)} kB`;
const typeNames: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
};

/** The checks the API makes on submission, before sending: every message names the field, in Norwegian. */
export function validateApplication(
  form: FormFieldDef[],
  s: RoundSettings,
  title: string,
  amount: string,
  answers: Answers,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!title.trim()) errors.title = 'Prosjekttittel må fylles ut';
  if (amount === '' || !Number.isInteger(Number(amount)))
    errors.requestedAmount = 'Beløp må være et helt antall kroner';
  else if (Number(amount) <= 0) errors.requestedAmount = 'Beløp må være mer enn 0';
  else if (Number(amount) > s.maxAmount) errors.requestedAmount = `Beløp kan være høyst ${kr(s.maxAmount)}`;
  for (const f of form) {
    const v = answers[f.key];
    const path = `answers.${f.key}`;
    if (v === undefined || v === '' || v === null) {
      if (f.required) errors[path] = `${f.label} må fylles ut`;
      continue;
    }
    if (f.type === 'text' && typeof v === 'string' && v.length > (f.maxLength ?? 5000))
      errors[path] = `${f.label} kan ha høyst ${f.maxLength ?? 5000} tegn (nå ${v.length})`;
    if (f.type === 'number') {
      const n = Number(v);
      if (!Number.isFinite(n)) errors[path] = `${f.label} må være et tall`;
      else if (f.min !== undefined && n < f.min) errors[path] = `${f.label} må være minst ${f.min}`;
      else if (f.max !== undefined && n > f.max) errors[path] = `${f.label} kan være høyst ${f.max}`;
    }
  }
  return errors;
}

/** The project's title and the amount applied for: where an application starts, and at the top of its form. */
export function TitleAndAmount({
  title,
  amount,
  onTitle,
  onAmount,
  errors,
  settings,
}: {
  title: string;
  amount: string;
  onTitle: (title: string) => void;
  onAmount: (amount: string) => void;
  errors: Record<string, string>;
  settings: RoundSettings;
}) {
  return (
    <>
      <Textfield
        id="felt-title"
        name="title"
        label="Prosjekttittel *"
        value={title}
        onChange={(e) => onTitle(e.target.value)}
        error={errors.title}
        aria-required
      />
      <Textfield
        id="felt-requestedAmount"
        name="requestedAmount"
        label="Beløp du søker om (kroner) *"
        description={`Mellom ${kr(settings.minAmount)} og ${kr(settings.maxAmount)}`}
        type="number"
        inputMode="numeric"
        value={amount}
        onChange={(e) => onAmount(e.target.value)}
        error={errors.requestedAmount}
        aria-required
      />
    </>
  );
}

/**
 * The application form rendered from the round's form definition: text, number, choice and attachment fields,
 * required ones marked with *, a message per field (checked here first, then the API's problem+json field errors).
 */
export function ApplicationForm({
  application,
  settings,
  onChanged,
}: {
  application: Application;
  settings: RoundSettings;
  onChanged: () => void;
}) {
  const form = settings.form;
  const [title, setTitle] = useState(application.title);
  const [amount, setAmount] = useState(String(application.requestedAmount));
  const [answers, setAnswers] = useState<Answers>(() => ({ ...application.answers }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string>();
  const [submitKey] = useState(idempotencyKey);
  const action = useAction();
  const set = (k: string, v: unknown) => setAnswers((a) => ({ ...a, [k]: v }));
  const markFields = (problem: Problem) => setErrors(grantFieldErrors(problem));

  const textAnswers = () =>
    Object.fromEntries(
      form
        .filter((f) => f.type !== 'attachment' && answers[f.key] !== undefined && answers[f.key] !== '')
        .map((f) => [f.key, f.type === 'number' ? Number(answers[f.key]) : String(answers[f.key])]),
    ) as Record<string, string | number>;

  const save = () =>
    unwrap(
      api.PATCH('/grant-applications/{id}', {
        params: { path: { id: application.id } },
        body: {
          title: title.trim() || undefined,
          requestedAmount: amount === '' ? undefined : Number(amount),
          answers: textAnswers() as never,
        },
      }),
    );

  const onSave = () => {
    setSaved(undefined);
    void action.run(async () => {
      await save();
      setErrors({});
      setSaved('Utkastet er lagret.');
    }, markFields);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(undefined);
    action.setProblem(undefined);
    const found = validateApplication(form, settings, title, amount, answers);
    setErrors(found);
    if (Object.keys(found).length) {
      document.getElementById(`felt-${Object.keys(found)[0].replace('answers.', '')}`)?.focus();
      return;
    }
    void action.run(async () => {
      await save();
      await unwrap(
        api.POST('/grant-applications/{id}/submit', {
          params: { path: { id: application.id }, header: { 'Idempotency-Key': submitKey } },
        }),
      );
      onChanged();
    }, markFields);
  };

  const upload = (f: FormFieldDef, file: File | undefined) => {
    if (!file) return;
    action.setProblem(undefined);
    const cap = f.maxBytes ?? 10 * 1024 * 1024;
    const path = `answers.${f.key}`;
    const markField = (message: string) => setErrors((e) => ({ ...e, [path]: `${f.label}: ${message}` }));
    if (f.allowedTypes && !f.allowedTypes.includes(file.type))
      return markField(`filtypen er ikke tillatt. Tillatt: ${f.allowedTypes.map((t) => typeNames[t] ?? t).join(', ')}`);
    if (file.size > cap) return markField(`filen er for stor (${mb(file.size)}); høyst ${mb(cap)}`);
    void action.run(
      async () => {
        const updated = await uploadFile<Application>(
          `/api/grant-applications/${application.id}/attachments/${f.key}`,
          file,
          { method: 'PUT', headers: { accept: 'application/json' } },
        );
        set(f.key, updated.answers[f.key]);
        setErrors((e) => {
          const { [path]: _, ...rest } = e;
          return rest;
        });
        setSaved(`Vedlegget «${file.name}» er lastet opp.`);
      },
      (problem) => {
        const first = (problem.errors ?? [])[0];
        markField(first ? grantFieldMessage(first.message) : problem.detail);
      },
    );
  };

  const closed = action.problem ? closedMessage(action.problem, settings.closesAt) : null;
  return (
    <form onSubmit={onSubmit} noValidate style={{ display: 'grid', gap: 'var(--ds-size-5)', maxWidth: '44rem' }}>
      <Paragraph data-size="sm">
        Felt merket med * må fylles ut før du sender inn. Du kan lagre utkastet underveis.
      </Paragraph>
      {closed ? (
        <Alert data-color="danger" role="alert" data-testid="closed">
          <Paragraph>{closed}</Paragraph>
        </Alert>
      ) : (
        action.problem && (
          <ProblemAlert
            problem={action.problem}
            fieldLabels={{
              title: 'Prosjekttittel',
              requestedAmount: 'Beløp',
              ...Object.fromEntries(form.map((f) => [`answers.${f.key}`, f.label])),
            }}
          />
        )
      )}
      <TitleAndAmount
        title={title}
        amount={amount}
        onTitle={setTitle}
        onAmount={setAmount}
        errors={errors}
        settings={settings}
      />
      {form.map((f) => {
        const label = `${f.label}${f.required ? ' *' : ' (valgfritt)'}`;
        const error = errors[`answers.${f.key}`];
        const value = answers[f.key];
        switch (f.type) {
          case 'text':
            return (
              <Textfield
                key={f.key}
                id={`felt-${f.key}`}
                multiline
                rows={(f.maxLength ?? 5000) > 300 ? 5 : 2}
                label={label}
                description={[f.help, `Høyst ${f.maxLength ?? 5000} tegn.`].filter(Boolean).join(' ')}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => set(f.key, e.target.value)}
                error={error}
                aria-required={f.required}
              />
            );
          case 'number':
            return (
              <Textfield
                key={f.key}
                id={`felt-${f.key}`}
                type="number"
                label={label}
                description={[
                  f.help,
                  f.min !== undefined && f.max !== undefined ? `Fra ${f.min} til ${f.max}.` : undefined,
                ]
                  .filter(Boolean)
                  .join(' ')}
                value={value === undefined || value === null ? '' : String(value)}
                onChange={(e) => set(f.key, e.target.value)}
                error={error}
                aria-required={f.required}
              />
            );
          case 'choice':
            return (
              <Fieldset key={f.key} id={`felt-${f.key}`} tabIndex={-1}>
                <FieldsetLegend>{label}</FieldsetLegend>
                {f.help && <FieldsetDescription>{f.help}</FieldsetDescription>}
                {(f.options ?? []).map((o) => (
                  <Radio
                    key={o}
                    name={f.key}
                    value={o}
                    label={o}
                    checked={value === o}
                    onChange={() => set(f.key, o)}
                    aria-invalid={!!error}
                  />
                ))}
                {error && <ValidationMessage>{error}</ValidationMessage>}
              </Fieldset>
            );
          case 'attachment': {
            const types = (f.allowedTypes ?? Object.keys(typeNames)).map((t) => typeNames[t] ?? t).join(', ');
            return (
              <Field key={f.key}>
                <Label htmlFor={`felt-${f.key}`} id={`etikett-${f.key}`}>
                  {label}
                </Label>
                <Paragraph data-size="sm" id={`hjelp-${f.key}`}>
                  {[f.help, `Filtyper: ${types}. Høyst ${mb(f.maxBytes ?? 10 * 1024 * 1024)}.`]
                    .filter(Boolean)
                    .join(' ')}
                </Paragraph>
                {isAttachment(value) && (
                  <Paragraph data-size="sm" data-testid={`vedlegg-${f.key}`}>
                    Lastet opp:{' '}
                    <Link href={`/api/grant-applications/${application.id}/attachments/${value.attachmentId}`}>
                      {value.filename}
                    </Link>{' '}
                    ({mb(value.size)}). Velg en ny fil for å erstatte den.
                  </Paragraph>
                )}
                <FilePicker
                  id={`felt-${f.key}`}
                  labelId={`etikett-${f.key}`}
                  name={f.key}
                  accept={f.allowedTypes?.join(',')}
                  aria-describedby={`hjelp-${f.key}`}
                  aria-invalid={!!error}
                  disabled={action.busy}
                  onChange={(e) => upload(f, e.target.files?.[0])}
                />
                {error && <ValidationMessage>{error}</ValidationMessage>}
              </Field>
            );
          }
        }
      })}
      {saved && (
        <Paragraph role="status" data-testid="saved">
          {saved}
        </Paragraph>
      )}
      <div style={{ display: 'flex', gap: 'var(--ds-size-4)', flexWrap: 'wrap' }}>
        <Button type="submit" disabled={action.busy}>
          Send inn søknaden
        </Button>
        <Button type="button" variant="secondary" disabled={action.busy} onClick={() => void onSave()}>
          Lagre utkast
        </Button>
      </div>
    </form>
  );
}
