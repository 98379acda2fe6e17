import {
  Alert,
  Button,
  Heading,
  Label,
  Link,
  Paragraph,
  Radio,
  Fieldset,
  FieldsetLegend,
  Textarea,
} from '@digdir/designsystemet-react';
import { useMemo, useState, type FormEvent } from 'react';
import { parse } from 'yaml';
import { api, unwrap, type Schemas } from '../../api/client';
import { DataTable } from '../../components/data-table';
import { FilePicker } from '../../components/file-picker';
import { Title } from '../../components/guards';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../lib/use-action';

type Format = 'yaml' | 'json';

const fieldNames: Record<string, string> = {
  code: 'kode',
  name: 'navn',
  kind: 'type',
  decision_rule: 'beslutningsregel',
  parent: 'overordnet utvalg',
  notice_days: 'innkallingsfrist (dager)',
  members: 'medlemmer',
  email: 'e-post',
  title: 'tittel',
  organisation: 'organisasjon',
  number: 'nummer',
  region: 'region',
  role: 'verv',
  party: 'part',
  represents: 'representerer',
  vote: 'stemmerett',
  vara_for: 'vara for',
  from: 'fra',
  to: 'til',
  format: 'format',
  document: 'dokumentet',
  '(document)': 'dokumentet',
  '(body)': 'dokumentet',
};

/** `members[2].email` → «Medlem 3, e-post (members[2].email)»: the Norwegian name and the path in the document. */
export function documentFieldLabel(path: string): string {
  const parts = path.replace(/^document\./, '').match(/[^.[\]]+|\[\d+\]/g) ?? [path];
  const words = parts.map((p) => {
    const index = /^\[(\d+)\]$/.exec(p);
    if (index) return `nr. ${Number(index[1]) + 1}`;
    return fieldNames[p] ?? p;
  });
  const said = words.join(' ').replace(/^medlemmer nr\. (\d+)/, 'medlem nr. $1');
  const text = said.charAt(0).toUpperCase() + said.slice(1);
  return path.startsWith('(') ? text : `${text} (${path})`;
}

interface Preview {
  code?: unknown;
  name?: unknown;
  kind?: unknown;
  parent?: unknown;
  members: number;
}

/** A first look at the document in the browser, before the API validates it properly. */
function preview(text: string, format: Format): { preview?: Preview; error?: string } {
  if (!text.trim()) return {};
  try {
    const doc: unknown = format === 'json' ? JSON.parse(text) : parse(text);
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
      return { error: 'Dokumentet må beskrive ett utvalg (kode, navn, type og medlemmer).' };
    const d = doc as Record<string, unknown>;
    return {
      preview: {
        code: d.code,
        name: d.name,
        kind: d.kind,
        parent: d.parent,
        members: Array.isArray(d.members) ? d.members.length : 0,
      },
    };
  } catch (error) {
    return {
      error: `Kan ikke lese dokumentet som ${format === 'json' ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
    };
  }
}

const outcomes: Record<string, string> = { created: 'opprettet', updated: 'endret', unchanged: 'uendret' };
const show = (v: unknown): string => (v === undefined || v === null || v === '' ? '–' : String(v));

/** The secretariat imports a committee and its members from a YAML or JSON document. */
export function ImportCommitteePage() {
  const [text, setText] = useState('');
  const [format, setFormat] = useState<Format>('yaml');
  const [result, setResult] = useState<Schemas['ImportSummaryDto']>();
  const action = useAction();
  const look = useMemo(() => preview(text, format), [text, format]);

  const chooseFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > 1_000_000) {
      action.setProblem({ type: 'about:blank', title: 'Payload Too Large', status: 413, detail: '' });
      return;
    }
    setFormat(/\.json$/i.test(file.name) ? 'json' : 'yaml');
    setText(await file.text());
    action.setProblem(undefined);
    setResult(undefined);
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setResult(undefined);
    void action.run(async () =>
      setResult(await unwrap(api.POST('/committees/import', { body: { format, document: text } }))),
    );
  };

  const labels = Object.fromEntries((action.problem?.errors ?? []).map((e) => [e.field, documentFieldLabel(e.field)]));
  return (
    <>
      <Title>Importer utvalg</Title>
      <Paragraph>
        Sett opp et utvalg og medlemmene ved å lime inn et utvalgsdokument (YAML eller JSON) eller velge en fil. Finnes
        utvalget fra før, oppdateres det: å importere samme dokument på nytt endrer ingenting. Er noe feil, lagres
        ingenting.
      </Paragraph>
      <ProblemAlert problem={action.problem} fieldLabels={labels} />
      {result && (
        <Alert data-color="success" role="status" data-testid="import-result">
          <Heading level={2} data-size="xs">
            Utvalget {result.committee.code} er {outcomes[result.committee.outcome] ?? result.committee.outcome}
          </Heading>
          <Paragraph>
            Medlemskap: {result.memberships.created} nye, {result.memberships.updated} endret,{' '}
            {result.memberships.unchanged} uendret. Personer: {result.persons.created} nye. Organisasjoner:{' '}
            {result.organisations.created} nye.
          </Paragraph>
          <Paragraph>
            <Link href={`/utvalg/${result.committee.code}`}>Gå til {result.committee.code}</Link> eller{' '}
            <Link href="/utvalg">se alle utvalg</Link>.
          </Paragraph>
        </Alert>
      )}
      <form onSubmit={submit} style={{ display: 'grid', gap: 'var(--ds-size-5)', maxWidth: '48rem' }} noValidate>
        <div>
          <Label id="fil-label" htmlFor="fil">
            Velg en fil (.yaml, .yml eller .json)
          </Label>
          <FilePicker
            id="fil"
            labelId="fil-label"
            accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
            onChange={(e) => void chooseFile(e.target.files?.[0])}
          />
        </div>
        <Fieldset>
          <FieldsetLegend>Format</FieldsetLegend>
          <Radio
            label="YAML"
            name="format"
            value="yaml"
            checked={format === 'yaml'}
            onChange={() => setFormat('yaml')}
          />
          <Radio
            label="JSON"
            name="format"
            value="json"
            checked={format === 'json'}
            onChange={() => setFormat('json')}
          />
        </Fieldset>
        <div>
          <Label htmlFor="dokument">Utvalgsdokumentet</Label>
          <Textarea
            id="dokument"
            rows={14}
            value={text}
            spellCheck={false}
            style={{ fontFamily: 'monospace' }}
            onChange={(e) => {
              setText(e.target.value);
              setResult(undefined);
            }}
          />
        </div>
        <section aria-labelledby="forhandsvisning">
          <Heading level={2} data-size="sm" id="forhandsvisning">
            Forhåndsvisning
          </Heading>
          {look.error ? (
            <Alert data-color="warning" data-testid="preview-error">
              <Paragraph>{look.error}</Paragraph>
            </Alert>
          ) : look.preview ? (
            <DataTable
              data-testid="preview"
              caption="Dette blir sendt til kontroll og import"
              rows={[look.preview]}
              rowKey={(p) => show(p.code)}
              columns={[
                { header: 'Kode', cell: (p) => show(p.code) },
                { header: 'Navn', cell: (p) => show(p.name) },
                { header: 'Type', cell: (p) => show(p.kind) },
                { header: 'Overordnet', cell: (p) => show(p.parent) },
                { header: 'Medlemskap', cell: (p) => p.members },
              ]}
            />
          ) : (
            <Paragraph>Lim inn et dokument eller velg en fil for å se hva som blir importert.</Paragraph>
          )}
        </section>
        <div>
          <Button type="submit" disabled={action.busy || !text.trim() || Boolean(look.error)}>
            Kontroller og importer
          </Button>
        </div>
      </form>
    </>
  );
}
