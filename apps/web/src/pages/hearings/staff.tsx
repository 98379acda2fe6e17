import {
  Button,
  Checkbox,
  Field,
  Fieldset,
  FieldsetDescription,
  FieldsetLegend,
  Heading,
  Label,
  Link,
  ListItem,
  ListOrdered,
  Paragraph,
  Search,
  SearchClear,
  SearchInput,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  Textfield,
} from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, idempotencyKey, unwrap, type Schemas } from '../../api/client';
import { ApiProblem, type Problem } from '../../api/problem';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { Pager } from '../../components/pager';
import { ProblemAlert } from '../../components/problem-alert';
import { DateTime } from '../../components/time';
import { can, useSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { useQueryState } from '../../lib/use-query-state';
import { hearingStateNames, HearingStateTag, type HearingState } from './labels';

const PAGE_SIZE = 20;

/** Every hearing (the secretariat) or those of one's own committees (members), with status and answer counts. */
export function HearingsListPage() {
  const { roles } = useSession();
  const q = useQueryState({ state: '', q: '' });
  const state = q.value('state');
  const search = q.value('q');
  const loaded = useApi(async () => {
    const list = await unwrap(
      api.GET('/hearings', {
        params: {
          query: {
            state: (state || undefined) as HearingState | undefined,
            q: search || undefined,
            page: q.page,
            pageSize: PAGE_SIZE,
          },
        },
      }),
    );
    // The list has no counts; each hearing's own view has them (at most a page of requests).
    const details = await Promise.all(
      list.items.map((h) =>
        unwrap(api.GET('/hearings/{id}', { params: { path: { id: h.id } } })).catch(() => undefined),
      ),
    );
    return { ...list, counts: Object.fromEntries(details.filter((d) => d).map((d) => [d!.id, d!.counts])) };
  }, [state, search, q.page]);
  return (
    <>
      <Title>Høringer</Title>
      {can.secretariat(roles) && (
        <Paragraph>
          <Link href="/horinger/ny">Ny høring</Link>
        </Paragraph>
      )}
      <div className="filters" role="group" aria-label="Filtrer høringene">
        <Field>
          <Label>Status</Label>
          <Select value={state} onChange={(e) => q.set({ state: e.target.value })}>
            <option value="">Alle</option>
            {(Object.keys(hearingStateNames) as HearingState[]).map((s) => (
              <option key={s} value={s}>
                {hearingStateNames[s]}
              </option>
            ))}
          </Select>
        </Field>
        <Search>
          <SearchInput aria-label="Søk i tittel" defaultValue={search} onChange={(e) => q.set({ q: e.target.value })} />
          <SearchClear onClick={() => q.set({ q: '' })} />
        </Search>
      </div>
      <LoadedView loaded={loaded}>
        {(data) => (
          <>
            <div className="table-wrap">
              <Table data-testid="hearing-list">
                <caption>Høringer, seneste frist først</caption>
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>Tittel</TableHeaderCell>
                    <TableHeaderCell>Utvalg</TableHeaderCell>
                    <TableHeaderCell>Status</TableHeaderCell>
                    <TableHeaderCell>Høringsfrist</TableHeaderCell>
                    <TableHeaderCell>Har svart</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.items.map((h) => {
                    const c = data.counts[h.id];
                    return (
                      <TableRow key={h.id}>
                        <TableCell>
                          <Link href={`/horinger/${h.id}/behandling`}>{h.title}</Link>
                        </TableCell>
                        <TableCell>{h.committee.code}</TableCell>
                        <TableCell>
                          <HearingStateTag state={h.state} />
                        </TableCell>
                        <TableCell>
                          <DateTime value={h.deadline} dateOnly />
                        </TableCell>
                        <TableCell>{c ? `${c.answered} av ${c.recipients} (${c.answers} svar)` : '–'}</TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </div>
            <Pager
              page={data.page}
              pageSize={data.pageSize}
              total={data.total}
              onChange={(p) => q.set({ page: String(p) }, false)}
            />
          </>
        )}
      </LoadedView>
    </>
  );
}

interface QuestionDraft {
  key: string;
  text: string;
}

/** Set-up of a hearing: it is saved as a draft, its deadline warnings shown, then sent from its own page. */
export function NewHearingPage() {
  const navigate = useNavigate();
  const committees = useApi(() => unwrap(api.GET('/committees')), []);
  const organisations = useApi(
    async () => (await unwrap(api.GET('/organisations', { params: { query: { pageSize: 100 } } }))).items,
    [],
  );
  const [title, setTitle] = useState('');
  const [origin, setOrigin] = useState('');
  const [committeeCode, setCommitteeCode] = useState('ASU');
  const [proposal, setProposal] = useState('');
  const [questions, setQuestions] = useState<QuestionDraft[]>([{ key: crypto.randomUUID(), text: '' }]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [deadline, setDeadline] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [key] = useState(idempotencyKey);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = 'Skriv en tittel';
    if (!proposal.trim()) found.proposal = 'Skriv høringsnotatet';
    if (chosen.length === 0) found.recipients = 'Velg minst én høringsinstans';
    if (!deadline) found.deadline = 'Velg en høringsfrist';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const created = await unwrap(
        api.POST('/hearings', {
          params: { header: { 'Idempotency-Key': key } },
          body: {
            committeeCode,
            title,
            origin: origin || null,
            proposal,
            questions: questions.filter((q) => q.text.trim()).map((q) => ({ text: q.text })),
            recipients: chosen.map((organisationId) => ({ organisationId })),
            deadline,
          },
        }),
      );
      navigate(`/horinger/${(created as Schemas['HearingDto']).id}/behandling?ny=1`);
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err.problem);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Title>Ny høring</Title>
      <Paragraph>
        Høringen lagres som utkast. Du ser advarsler om fristen og kan legge ved filer før du sender den.
      </Paragraph>
      <form onSubmit={submit} noValidate style={{ display: 'grid', gap: 'var(--ds-size-5)', maxWidth: '52rem' }}>
        {problem && (
          <ProblemAlert
            problem={problem}
            fieldLabels={{
              title: 'Tittel',
              proposal: 'Høringsnotat',
              deadline: 'Høringsfrist',
              recipients: 'Mottakere',
            }}
          />
        )}
        <Textfield
          label="Tittel"
          name="title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={errors.title}
        />
        <Textfield
          label="Bakgrunn (valgfritt)"
          description="For eksempel «ASU sak 12/24»"
          name="origin"
          value={origin}
          onChange={(e) => setOrigin(e.target.value)}
        />
        <Field>
          <Label>Utvalget som eier høringen</Label>
          <Select name="committee" value={committeeCode} onChange={(e) => setCommitteeCode(e.target.value)}>
            {(committees.data ?? [{ code: 'ASU', name: 'ASU' }]).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name} ({c.code})
              </option>
            ))}
          </Select>
        </Field>
        <Textfield
          multiline
          rows={8}
          label="Høringsnotat"
          name="proposal"
          value={proposal}
          onChange={(e) => setProposal(e.target.value)}
          error={errors.proposal}
        />
        <Fieldset>
          <FieldsetLegend>Spørsmål til høringsinstansene</FieldsetLegend>
          <FieldsetDescription>
            Hver høringsinstans svarer på hvert spørsmål, og kan skrive andre merknader.
          </FieldsetDescription>
          <ListOrdered>
            {questions.map((q, i) => (
              <ListItem key={q.key}>
                <Textfield
                  label={`Spørsmål ${i + 1}`}
                  name={`question-${i + 1}`}
                  value={q.text}
                  onChange={(e) =>
                    setQuestions(questions.map((x) => (x.key === q.key ? { ...x, text: e.target.value } : x)))
                  }
                />
                {questions.length > 1 && (
                  <Button
                    type="button"
                    variant="tertiary"
                    data-size="sm"
                    onClick={() => setQuestions(questions.filter((x) => x.key !== q.key))}
                  >
                    Fjern spørsmål {i + 1}
                  </Button>
                )}
              </ListItem>
            ))}
          </ListOrdered>
          <div>
            <Button
              type="button"
              variant="secondary"
              onClick={() => setQuestions([...questions, { key: crypto.randomUUID(), text: '' }])}
            >
              Legg til spørsmål
            </Button>
          </div>
        </Fieldset>
        <LoadedView loaded={organisations}>
          {(orgs) => (
            <RecipientPicker organisations={orgs} chosen={chosen} onChange={setChosen} error={errors.recipients} />
          )}
        </LoadedView>
        <Textfield
          type="date"
          label="Høringsfrist"
          description="Fristen er slutten av dagen, norsk tid. Vanlig frist er 3 måneder, minst 6 uker."
          name="deadline"
          value={deadline}
          onChange={(e) => setDeadline(e.target.value)}
          error={errors.deadline}
        />
        <div>
          <Button type="submit" disabled={busy}>
            Lagre utkast
          </Button>
        </div>
      </form>
    </>
  );
}

function RecipientPicker({
  organisations,
  chosen,
  onChange,
  error,
}: {
  organisations: Schemas['RecipientOrganisationDto'][];
  chosen: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const kinds = [...new Set(organisations.map((o) => o.kind))];
  const kindName: Record<string, string> = {
    kommune: 'Kommuner',
    helseforetak: 'Helseforetak',
    brukerorganisasjon: 'Brukerorganisasjoner',
  };
  const toggle = (ids: string[], on: boolean) =>
    onChange(on ? [...new Set([...chosen, ...ids])] : chosen.filter((c) => !ids.includes(c)));
  return (
    <Fieldset data-testid="recipient-picker">
      <FieldsetLegend>Høringsinstanser</FieldsetLegend>
      <FieldsetDescription>
        Hver kontaktperson får høringen på e-post med sin egen lenke til svarsiden. {chosen.length} valgt.
      </FieldsetDescription>
      {error && (
        <Paragraph data-size="sm" role="alert" style={{ color: 'var(--ds-color-danger-text-subtle)' }}>
          {error}
        </Paragraph>
      )}
      {kinds.map((kind) => {
        const group = organisations.filter((o) => o.kind === kind);
        const withContacts = group.filter((o) => o.contacts.length > 0).map((o) => o.id);
        return (
          <div key={kind} style={{ marginTop: 'var(--ds-size-4)' }}>
            <Heading level={3} data-size="xs">
              {kindName[kind] ?? kind}
            </Heading>
            <Button type="button" variant="tertiary" data-size="sm" onClick={() => toggle(withContacts, true)}>
              Velg alle {(kindName[kind] ?? kind).toLowerCase()}
            </Button>
            <div className="co-signers">
              {group.map((o) => (
                <Checkbox
                  key={o.id}
                  value={o.id}
                  label={o.name}
                  description={
                    o.contacts.length > 0
                      ? o.contacts.map((c) => `${c.name} <${c.email}>`).join(', ')
                      : 'Mangler kontaktperson – kan ikke få høringen'
                  }
                  disabled={o.contacts.length === 0}
                  checked={chosen.includes(o.id)}
                  onChange={(e) => toggle([o.id], e.target.checked)}
                />
              ))}
            </div>
          </div>
        );
      })}
    </Fieldset>
  );
}
