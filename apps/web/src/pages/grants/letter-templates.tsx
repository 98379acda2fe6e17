import { Button, Heading, Link, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api, request, unwrap, type Schemas } from '../../api/client';
import { ProblemAlert } from '../../components/problem-alert';
import { DataTable } from '../../components/data-table';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { DateTime } from '../../components/time';
import { useAction } from '../../lib/use-action';
import { useApi } from '../../lib/use-api';
import { useFieldErrors } from '../../lib/use-field-errors';
import { grantFieldErrors } from './common';

type Template = Schemas['LetterTemplateDto'];

const fieldLabels = { subject: 'Emne', body: 'Brevtekst' };

/** «Innebygd tekst» for version 0, else «Versjon 3». */
const versionName = (version: number): string =>
  version === 0 ? 'Innebygd tekst (ikke endret)' : `Versjon ${version}`;

/** The texts of a round's letters, each in its current version; the secretariat picks one to read and change. */
export function LetterTemplatesPage() {
  const { id = '' } = useParams();
  const round = useApi(() => unwrap(api.GET('/grant-rounds/{id}', { params: { path: { id } } })), [id]);
  const list = useApi(() => unwrap(api.GET('/grant-rounds/{id}/letter-templates', { params: { path: { id } } })), [id]);
  return (
    <>
      <Title>Brevmaler</Title>
      <Paragraph>
        Brevene utlysningen{round.data ? ` «${round.data.title}»` : ''} sender. Hver endring blir en ny versjon; et brev
        som er sendt, beholder teksten det ble skrevet med.{' '}
        <Link href={`/sekretariat/tilskudd/${id}`}>Tilbake til utlysningen</Link>
      </Paragraph>
      <LoadedView loaded={list}>
        {(templates) => (
          <DataTable
            caption="Brevmaler i utlysningen"
            rows={templates}
            rowKey={(t) => t.kind}
            columns={[
              {
                header: 'Brev',
                cell: (t) => (
                  <Link href={`/sekretariat/tilskudd/${id}/brevmaler/${encodeURIComponent(t.kind)}`}>{t.title}</Link>
                ),
              },
              { header: 'Emne', cell: (t) => t.subject },
              { header: 'Gjeldende versjon', cell: (t) => versionName(t.version) },
              {
                header: 'Endret',
                cell: (t) => (t.changedAt ? <DateTime value={t.changedAt} /> : '–'),
              },
            ]}
          />
        )}
      </LoadedView>
    </>
  );
}

/** One letter text: subject and body with the placeholders it knows, a preview as PDF, a new version, its history. */
export function LetterTemplatePage() {
  const { id = '', kind = '' } = useParams();
  const loaded = useApi(
    () =>
      unwrap(
        api.GET('/grant-rounds/{id}/letter-templates/{kind}', {
          params: { path: { id, kind: kind as Template['kind'] } },
        }),
      ),
    [id, kind],
  );
  return (
    <LoadedView loaded={loaded}>
      {(t) => (
        <>
          <Title>{`Brevmal: ${t.title}`}</Title>
          <Paragraph>
            Gjeldende: <strong>{versionName(t.version)}</strong>.{' '}
            <Link href={`/sekretariat/tilskudd/${id}/brevmaler`}>Alle brevmaler</Link>
          </Paragraph>
          <TemplateForm key={t.version} roundId={id} template={t} onSaved={loaded.reload} />
          <section aria-labelledby="versjoner">
            <Heading level={2} data-size="md" id="versjoner">
              Versjoner
            </Heading>
            {t.versions.length === 0 ? (
              <Paragraph data-testid="no-versions">
                Teksten er ikke endret for denne utlysningen; brevene bruker den innebygde teksten.
              </Paragraph>
            ) : (
              <DataTable
                caption="Versjoner av teksten, nyeste først"
                data-testid="versions"
                rows={t.versions}
                rowKey={(v) => String(v.version)}
                columns={[
                  { header: 'Versjon', cell: (v) => v.version },
                  { header: 'Endret av', cell: (v) => v.changedBy ?? '–' },
                  { header: 'Tidspunkt', cell: (v) => (v.changedAt ? <DateTime value={v.changedAt} /> : '–') },
                  { header: 'Emne', cell: (v) => v.subject },
                ]}
              />
            )}
          </section>
        </>
      )}
    </LoadedView>
  );
}

function TemplateForm({ roundId, template, onSaved }: { roundId: string; template: Template; onSaved: () => void }) {
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const { errors, setErrors, check } = useFieldErrors();
  const action = useAction(onSaved);
  const preview = useAction();
  const path = { id: roundId, kind: template.kind as Template['kind'] };

  const valid = () =>
    check({
      subject: !subject.trim() && 'Emnet må fylles ut',
      body: !body.trim() && 'Brevteksten må fylles ut',
    });

  const save = (e: FormEvent) => {
    e.preventDefault();
    if (!valid()) return;
    void action.run(
      () =>
        unwrap(
          api.PUT('/grant-rounds/{id}/letter-templates/{kind}', {
            params: { path },
            body: { subject: subject.trim(), body: body.trim() },
          }),
        ),
      (problem) => setErrors(grantFieldErrors(problem)),
    );
  };

  const showPreview = () => {
    if (!valid()) return;
    void preview.run(
      async () => {
        const res = await request(
          `/api/grant-rounds/${roundId}/letter-templates/${encodeURIComponent(template.kind)}/preview`,
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ subject: subject.trim(), body: body.trim() }),
          },
        );
        const url = URL.createObjectURL(await res.blob());
        const link = document.createElement('a');
        link.href = url;
        link.download = `forhandsvisning-${template.kind}.pdf`;
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      },
      (problem) => setErrors(grantFieldErrors(problem)),
    );
  };

  return (
    <div className="letter-template">
      <form onSubmit={save} noValidate style={{ display: 'grid', gap: 'var(--ds-size-4)' }}>
        <ProblemAlert problem={action.problem ?? preview.problem} fieldLabels={fieldLabels} />
        <Textfield label="Emne *" value={subject} onChange={(e) => setSubject(e.target.value)} error={errors.subject} />
        <Textfield
          multiline
          rows={18}
          label="Brevtekst *"
          description="Tom linje gir nytt avsnitt; linjer som begynner med «- » blir en liste."
          value={body}
          onChange={(e) => setBody(e.target.value)}
          error={errors.body}
        />
        <div style={{ display: 'flex', gap: 'var(--ds-size-3)', flexWrap: 'wrap' }}>
          <Button type="submit" disabled={action.busy}>
            Lagre ny versjon
          </Button>
          <Button type="button" variant="secondary" disabled={preview.busy} onClick={showPreview}>
            Forhåndsvis
          </Button>
        </div>
      </form>
      <aside aria-labelledby="flettefelt">
        <Heading level={2} data-size="xs" id="flettefelt">
          Flettefelt
        </Heading>
        <Paragraph data-size="sm">Skriv et felt med doble krøllparenteser; brevet fyller det inn.</Paragraph>
        <dl className="facts" data-testid="placeholders">
          {Object.entries(template.fields).map(([name, about]) => (
            <div key={name} style={{ display: 'contents' }}>
              <dt>
                <code>{`{{${name}}}`}</code>
              </dt>
              <dd>{about}</dd>
            </div>
          ))}
        </dl>
      </aside>
    </div>
  );
}
