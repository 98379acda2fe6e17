import {
  Button,
  Checkbox,
  Fieldset,
  FieldsetDescription,
  FieldsetLegend,
  Heading,
  Link,
  ListItem,
  ListOrdered,
  Paragraph,
  Textfield,
} from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, idempotencyKey, unwrap, type Schemas } from '../../api/client';
import { FieldError, SelectField } from '../../components/fields';
import { FilterBar, SearchFilter } from '../../components/filter-bar';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { PagedTable } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { DateTime } from '../../components/time';
import { can, useSession } from '../../lib/session';
import { useAction } from '../../lib/use-action';
import { useApi } from '../../lib/use-api';
import { useFieldErrors } from '../../lib/use-field-errors';
import { usePagedList } from '../../lib/use-paged-list';
import { hearingStateNames, HearingStateTag, type HearingState } from './labels';

/** Every hearing (the secretariat) or those of one's own committees (members), with status and answer counts. */
export function HearingsListPage() {
  const { roles } = useSession();
  const list = usePagedList({ state: '', q: '' }, async ({ state, q }, paging) => {
    const page = await unwrap(
      api.GET('/hearings', {
        params: { query: { state: (state || undefined) as HearingState | undefined, q: q || undefined, ...paging } },
      }),
    );
    // The list has no counts; each hearing's own view has them (at most a page of requests).
    const details = await Promise.all(
      page.items.map((h) =>
        unwrap(api.GET('/hearings/{id}', { params: { path: { id: h.id } } })).catch(() => undefined),
      ),
    );
    return { ...page, counts: Object.fromEntries(details.filter((d) => d).map((d) => [d!.id, d!.counts])) };
  });
  return (
    <>
      <Title>Høringer</Title>
      {can.secretariat(roles) && (
        <Paragraph>
          <Link href="/horinger/ny">Ny høring</Link>
        </Paragraph>
      )}
      <FilterBar label="Filtrer høringene">
        <SelectField
          label="Status"
          placeholder="Alle"
          options={hearingStateNames}
          value={list.filters.state}
          onChange={(e) => list.setFilters({ state: e.target.value })}
        />
        <SearchFilter label="Søk i tittel" defaultValue={list.filters.q} onSearch={(q) => list.setFilters({ q })} />
      </FilterBar>
      <LoadedView loaded={list.loaded}>
        {(data) => (
          <PagedTable
            data-testid="hearing-list"
            caption="Høringer, seneste frist først"
            page={data}
            onPage={list.setPage}
            rowKey={(h) => h.id}
            columns={[
              { header: 'Tittel', cell: (h) => <Link href={`/horinger/${h.id}/behandling`}>{h.title}</Link> },
              { header: 'Utvalg', cell: (h) => h.committee.code },
              { header: 'Status', cell: (h) => <HearingStateTag state={h.state} /> },
              { header: 'Høringsfrist', cell: (h) => <DateTime value={h.deadline} dateOnly /> },
              {
                header: 'Har svart',
                cell: (h) => {
                  const c = data.counts[h.id];
                  return c ? `${c.answered} av ${c.recipients} (${c.answers} svar)` : '–';
                },
              },
            ]}
          />
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
  const { errors, check } = useFieldErrors();
  const [key] = useState(idempotencyKey);
  const action = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const valid = check({
      title: !title.trim() && 'Skriv en tittel',
      proposal: !proposal.trim() && 'Skriv høringsnotatet',
      recipients: chosen.length === 0 && 'Velg minst én høringsinstans',
      deadline: !deadline && 'Velg en høringsfrist',
    });
    if (!valid) return;
    void action.run(async () => {
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
      navigate(`/horinger/${created.id}/behandling?ny=1`);
    });
  };

  return (
    <>
      <Title>Ny høring</Title>
      <Paragraph>
        Høringen lagres som utkast. Du ser advarsler om fristen og kan legge ved filer før du sender den.
      </Paragraph>
      <form onSubmit={submit} noValidate style={{ display: 'grid', gap: 'var(--ds-size-5)', maxWidth: '52rem' }}>
        <ProblemAlert
          problem={action.problem}
          fieldLabels={{ title: 'Tittel', proposal: 'Høringsnotat', deadline: 'Høringsfrist', recipients: 'Mottakere' }}
        />
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
        <SelectField
          label="Utvalget som eier høringen"
          name="committee"
          value={committeeCode}
          onChange={(e) => setCommitteeCode(e.target.value)}
        >
          {(committees.data ?? [{ code: 'ASU', name: 'ASU' }]).map((c) => (
            <option key={c.code} value={c.code}>
              {c.name} ({c.code})
            </option>
          ))}
        </SelectField>
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
          <Button type="submit" disabled={action.busy}>
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
      <FieldError error={error} alert />
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
