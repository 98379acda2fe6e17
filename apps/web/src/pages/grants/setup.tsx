import {
  Alert,
  Button,
  Checkbox,
  Field,
  Fieldset,
  FieldsetLegend,
  Heading,
  Label,
  Link,
  Paragraph,
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
import { useNavigate, useParams } from 'react-router';
import { api, idempotencyKey, unwrap, type Schemas } from '../../api/client';
import { ApiProblem, type Problem } from '../../api/problem';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { Pager } from '../../components/pager';
import { ProblemAlert } from '../../components/problem-alert';
import { DateTime } from '../../components/time';
import { useApi } from '../../lib/use-api';
import { useQueryState } from '../../lib/use-query-state';
import {
  ApplicationState,
  asApplication,
  RoundState,
  applicationStateNames,
  grantFieldErrors,
  kr,
  osloInstant,
  roundStateNames,
} from './common';
import { settingsOf } from './public';

const PAGE_SIZE = 20;

/** The secretariat's list of grant rounds, every state, filterable and paged. */
export function RoundsAdminPage() {
  const q = useQueryState({ state: '' });
  const state = q.value('state');
  const loaded = useApi(
    () =>
      unwrap(
        api.GET('/grant-rounds', {
          params: { query: { state: state || undefined, page: q.page, pageSize: PAGE_SIZE } },
        }),
      ),
    [state, q.page],
  );
  return (
    <>
      <Title>Tilskuddsordninger</Title>
      <Paragraph>
        <Link href="/sekretariat/tilskudd/ny">Sett opp en ny utlysning</Link>
      </Paragraph>
      <div className="filters" role="group" aria-label="Filtrer utlysningene">
        <Field>
          <Label>Status</Label>
          <Select value={state} onChange={(e) => q.set({ state: e.target.value })}>
            <option value="">Alle</option>
            {Object.entries(roundStateNames).map(([k, name]) => (
              <option key={k} value={k}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <LoadedView loaded={loaded}>
        {(p) => (
          <>
            <div className="table-wrap">
              <Table>
                <caption>Utlysninger</caption>
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>Utlysning</TableHeaderCell>
                    <TableHeaderCell>Status</TableHeaderCell>
                    <TableHeaderCell>Søknadsfrist</TableHeaderCell>
                    <TableHeaderCell>Ramme</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {p.items.map((r) => (
                    <TableRow key={r.id}>
                      <TableCell>
                        <Link href={`/sekretariat/tilskudd/${r.id}`}>{r.title}</Link>
                      </TableCell>
                      <TableCell>
                        <RoundState state={r.state} />
                      </TableCell>
                      <TableCell>
                        <DateTime value={settingsOf(r).closesAt} />
                      </TableCell>
                      <TableCell>{kr(settingsOf(r).budget)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
            <Pager
              page={q.page}
              pageSize={PAGE_SIZE}
              total={p.total}
              onChange={(n) => q.set({ page: String(n) }, false)}
            />
          </>
        )}
      </LoadedView>
    </>
  );
}

interface FieldRow {
  label: string;
  type: 'text' | 'number' | 'choice' | 'attachment';
  required: boolean;
  help: string;
  options: string;
  min: string;
  max: string;
  maxLength: string;
}
interface CriterionRow {
  title: string;
  description: string;
  weight: string;
  scaleMin: string;
  scaleMax: string;
}

/** «Målgruppe og omfang» → «malgruppe-og-omfang» (the API's key format). */
export const keyOf = (label: string, taken: string[]): string => {
  const base =
    label
      .toLowerCase()
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'o')
      .replace(/å/g, 'a')
      .normalize('NFD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .replace(/^[^a-z]+/, '')
      .slice(0, 36) || 'felt';
  let key = base;
  for (let i = 2; taken.includes(key); i++) key = `${base}-${i}`;
  return key;
};

const emptyField = (): FieldRow => ({
  label: '',
  type: 'text',
  required: true,
  help: '',
  options: '',
  min: '',
  max: '',
  maxLength: '',
});
const emptyCriterion = (): CriterionRow => ({ title: '', description: '', weight: '1', scaleMin: '1', scaleMax: '5' });

const fieldTypes = { text: 'Tekst', number: 'Tall', choice: 'Valg (ett av flere)', attachment: 'Vedlegg' };

/** Set-up of a grant round as a structured form: the call, the form's fields, the criteria, money and dates. */
export function NewRoundPage() {
  const navigate = useNavigate();
  const committees = useApi(() => unwrap(api.GET('/committees')), []);
  const [v, setV] = useState({
    title: '',
    callText: '',
    conditions: '',
    budget: '',
    minAmount: '',
    maxAmount: '',
    qualityThreshold: '',
    opensAt: '',
    closesAt: '',
    scoringDeadline: '',
    reviewingCommittee: 'AU-UTVIDET',
    decidingCommittee: 'ASU',
    appealable: true,
    reportTitle: 'Sluttrapport',
    reportDue: 'P12M',
  });
  const [fields, setFields] = useState<FieldRow[]>([emptyField()]);
  const [criteria, setCriteria] = useState<CriterionRow[]>([emptyCriterion()]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem>();
  const [key] = useState(idempotencyKey);
  const set = (k: keyof typeof v, value: string | boolean) => setV((x) => ({ ...x, [k]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    const need = (k: keyof typeof v, label: string) => {
      if (String(v[k]).trim() === '') found[k] = `${label} må fylles ut`;
    };
    need('title', 'Tittel');
    need('callText', 'Utlysningstekst');
    need('conditions', 'Vilkår');
    need('budget', 'Ramme');
    need('minAmount', 'Minste beløp');
    need('maxAmount', 'Største beløp');
    need('opensAt', 'Åpner');
    need('closesAt', 'Søknadsfrist');
    need('scoringDeadline', 'Frist for vurdering');
    fields.forEach((f, i) => {
      if (!f.label.trim()) found[`form.${i}.label`] = 'Feltnavn må fylles ut';
      if (f.type === 'choice' && f.options.split('\n').filter((o) => o.trim()).length < 2)
        found[`form.${i}.options`] = 'Et valg trenger minst to alternativer, ett per linje';
    });
    criteria.forEach((c, i) => {
      if (!c.title.trim()) found[`criteria.${i}.title`] = 'Kriteriet må ha et navn';
      if (!c.description.trim()) found[`criteria.${i}.description`] = 'Beskriv kriteriet';
    });
    setErrors(found);
    if (Object.keys(found).length) return;
    const keys: string[] = [];
    const form = fields.map((f) => {
      const k = keyOf(f.label, keys);
      keys.push(k);
      return {
        key: k,
        label: f.label.trim(),
        type: f.type,
        required: f.required,
        ...(f.help.trim() ? { help: f.help.trim() } : {}),
        ...(f.type === 'choice'
          ? {
              options: f.options
                .split('\n')
                .map((o) => o.trim())
                .filter(Boolean),
            }
          : {}),
        ...(f.type === 'number' && f.min !== '' ? { min: Number(f.min) } : {}),
        ...(f.type === 'number' && f.max !== '' ? { max: Number(f.max) } : {}),
        ...(f.type === 'text' && f.maxLength !== '' ? { maxLength: Number(f.maxLength) } : {}),
      };
    });
    const ckeys: string[] = [];
    const body = {
      title: v.title.trim(),
      callText: v.callText.trim(),
      conditions: v.conditions.trim(),
      budget: Number(v.budget),
      minAmount: Number(v.minAmount),
      maxAmount: Number(v.maxAmount),
      qualityThreshold: v.qualityThreshold === '' ? null : Number(v.qualityThreshold),
      opensAt: osloInstant(v.opensAt),
      closesAt: osloInstant(v.closesAt),
      scoringDeadline: osloInstant(v.scoringDeadline),
      reviewingCommittee: v.reviewingCommittee,
      decidingCommittee: v.decidingCommittee,
      appealable: v.appealable,
      form,
      criteria: criteria.map((c) => {
        const k = keyOf(c.title, ckeys);
        ckeys.push(k);
        return {
          key: k,
          title: c.title.trim(),
          description: c.description.trim(),
          weight: Number(c.weight),
          scaleMin: Number(c.scaleMin),
          scaleMax: Number(c.scaleMax),
        };
      }),
      reporting: v.reportTitle.trim()
        ? [{ key: keyOf(v.reportTitle, []), title: v.reportTitle.trim(), due: v.reportDue }]
        : [],
    };
    try {
      const created = await unwrap(
        api.POST('/grant-rounds', { params: { header: { 'Idempotency-Key': key } }, body: body as never }),
      );
      navigate(`/sekretariat/tilskudd/${created.id}`);
    } catch (err) {
      if (err instanceof ApiProblem) {
        setProblem(err.problem);
        setErrors(grantFieldErrors(err.problem));
      }
    }
  };

  const text = (k: keyof typeof v, label: string, extra: Record<string, unknown> = {}) => (
    <Textfield
      label={label}
      value={String(v[k])}
      onChange={(e) => set(k, e.target.value)}
      error={errors[k]}
      {...extra}
    />
  );
  const committeeOptions = committees.data?.map((c) => (
    <option key={c.code} value={c.code}>
      {c.code} – {c.name}
    </option>
  ));
  return (
    <>
      <Title>Ny utlysning</Title>
      <Paragraph>
        Utlysningen lagres som utkast. Den blir offentlig når du registrerer at ASU har godkjent den, og åpner for
        søknader på tidspunktet du setter. Tidspunkter er norsk tid. Felt merket med * må fylles ut.
      </Paragraph>
      <form onSubmit={submit} noValidate style={{ display: 'grid', gap: 'var(--ds-size-6)', maxWidth: '48rem' }}>
        {problem && <ProblemAlert problem={problem} />}
        <Fieldset>
          <FieldsetLegend>Utlysningen</FieldsetLegend>
          {text('title', 'Tittel *')}
          {text('callText', 'Utlysningstekst *', {
            multiline: true,
            rows: 6,
            description: 'Avsnitt skilles med en tom linje',
          })}
          {text('conditions', 'Vilkår i tilskuddsbrevet *', { multiline: true, rows: 3 })}
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>Penger</FieldsetLegend>
          {text('budget', 'Samlet ramme (kroner) *', { type: 'number' })}
          {text('minAmount', 'Minste beløp per søknad (kroner) *', { type: 'number' })}
          {text('maxAmount', 'Største beløp per søknad (kroner) *', { type: 'number' })}
          {text('qualityThreshold', 'Kvalitetsterskel (0–100, valgfritt)', {
            type: 'number',
            description: 'Søknader under terskelen får ikke tilskudd',
          })}
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>Frister</FieldsetLegend>
          {text('opensAt', 'Åpner for søknader *', { type: 'datetime-local' })}
          {text('closesAt', 'Søknadsfrist *', { type: 'datetime-local' })}
          {text('scoringDeadline', 'Frist for AUs vurdering *', { type: 'datetime-local' })}
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>Utvalg og klage</FieldsetLegend>
          <Field>
            <Label>Utvalget som vurderer og innstiller *</Label>
            <Select value={v.reviewingCommittee} onChange={(e) => set('reviewingCommittee', e.target.value)}>
              {committeeOptions}
            </Select>
          </Field>
          <Field>
            <Label>Utvalget som vedtar *</Label>
            <Select value={v.decidingCommittee} onChange={(e) => set('decidingCommittee', e.target.value)}>
              {committeeOptions}
            </Select>
          </Field>
          {errors.decidingCommittee && <Paragraph className="field-error">{errors.decidingCommittee}</Paragraph>}
          <Checkbox
            label="Vedtakene kan påklages (3 ukers klagefrist)"
            checked={v.appealable}
            onChange={(e) => set('appealable', e.target.checked)}
          />
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>Søknadsskjemaet</FieldsetLegend>
          {fields.map((f, i) => {
            const upd = (c: Partial<FieldRow>) => setFields((all) => all.map((x, j) => (j === i ? { ...x, ...c } : x)));
            return (
              <div key={i} className="setup-row" role="group" aria-label={`Felt ${i + 1}`}>
                <Textfield
                  label={`Felt ${i + 1}: navn *`}
                  value={f.label}
                  onChange={(e) => upd({ label: e.target.value })}
                  error={errors[`form.${i}.label`]}
                />
                <Field>
                  <Label>{`Felt ${i + 1}: type`}</Label>
                  <Select value={f.type} onChange={(e) => upd({ type: e.target.value as FieldRow['type'] })}>
                    {Object.entries(fieldTypes).map(([k, n]) => (
                      <option key={k} value={k}>
                        {n}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Checkbox
                  label="Må fylles ut"
                  checked={f.required}
                  onChange={(e) => upd({ required: e.target.checked })}
                />
                <Textfield
                  label={`Felt ${i + 1}: hjelpetekst (valgfritt)`}
                  value={f.help}
                  onChange={(e) => upd({ help: e.target.value })}
                />
                {f.type === 'choice' && (
                  <Textfield
                    multiline
                    rows={3}
                    label={`Felt ${i + 1}: alternativer, ett per linje *`}
                    value={f.options}
                    onChange={(e) => upd({ options: e.target.value })}
                    error={errors[`form.${i}.options`]}
                  />
                )}
                {f.type === 'number' && (
                  <>
                    <Textfield
                      type="number"
                      label={`Felt ${i + 1}: minst (valgfritt)`}
                      value={f.min}
                      onChange={(e) => upd({ min: e.target.value })}
                    />
                    <Textfield
                      type="number"
                      label={`Felt ${i + 1}: høyst (valgfritt)`}
                      value={f.max}
                      onChange={(e) => upd({ max: e.target.value })}
                    />
                  </>
                )}
                {f.type === 'text' && (
                  <Textfield
                    type="number"
                    label={`Felt ${i + 1}: høyst antall tegn (valgfritt, 5000 ellers)`}
                    value={f.maxLength}
                    onChange={(e) => upd({ maxLength: e.target.value })}
                  />
                )}
                {fields.length > 1 && (
                  <Button
                    variant="tertiary"
                    type="button"
                    onClick={() => setFields((all) => all.filter((_, j) => j !== i))}
                  >
                    Fjern felt {i + 1}
                  </Button>
                )}
              </div>
            );
          })}
          <div>
            <Button variant="secondary" type="button" onClick={() => setFields((all) => [...all, emptyField()])}>
              Legg til felt
            </Button>
          </div>
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>Kriterier for vurderingen</FieldsetLegend>
          {criteria.map((c, i) => {
            const upd = (x: Partial<CriterionRow>) =>
              setCriteria((all) => all.map((y, j) => (j === i ? { ...y, ...x } : y)));
            return (
              <div key={i} className="setup-row" role="group" aria-label={`Kriterium ${i + 1}`}>
                <Textfield
                  label={`Kriterium ${i + 1}: navn *`}
                  value={c.title}
                  onChange={(e) => upd({ title: e.target.value })}
                  error={errors[`criteria.${i}.title`]}
                />
                <Textfield
                  label={`Kriterium ${i + 1}: beskrivelse *`}
                  value={c.description}
                  onChange={(e) => upd({ description: e.target.value })}
                  error={errors[`criteria.${i}.description`]}
                />
                <Textfield
                  type="number"
                  label={`Kriterium ${i + 1}: vekt *`}
                  value={c.weight}
                  onChange={(e) => upd({ weight: e.target.value })}
                />
                <Textfield
                  type="number"
                  label={`Kriterium ${i + 1}: skala fra *`}
                  value={c.scaleMin}
                  onChange={(e) => upd({ scaleMin: e.target.value })}
                />
                <Textfield
                  type="number"
                  label={`Kriterium ${i + 1}: skala til *`}
                  value={c.scaleMax}
                  onChange={(e) => upd({ scaleMax: e.target.value })}
                  error={errors[`criteria.${i}.scaleMax`]}
                />
                {criteria.length > 1 && (
                  <Button
                    variant="tertiary"
                    type="button"
                    onClick={() => setCriteria((all) => all.filter((_, j) => j !== i))}
                  >
                    Fjern kriterium {i + 1}
                  </Button>
                )}
              </div>
            );
          })}
          <div>
            <Button variant="secondary" type="button" onClick={() => setCriteria((all) => [...all, emptyCriterion()])}>
              Legg til kriterium
            </Button>
          </div>
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>Rapportering</FieldsetLegend>
          {text('reportTitle', 'Rapport (tom: ingen rapport)')}
          <Field>
            <Label>Frist for rapporten</Label>
            <Select value={v.reportDue} onChange={(e) => set('reportDue', e.target.value)}>
              <option value="P6M">6 måneder etter tilskuddsbrevet</option>
              <option value="P12M">12 måneder etter tilskuddsbrevet</option>
              <option value="P18M">18 måneder etter tilskuddsbrevet</option>
              <option value="P24M">24 måneder etter tilskuddsbrevet</option>
            </Select>
          </Field>
        </Fieldset>
        <div>
          <Button type="submit">Lagre utkast til utlysning</Button>
        </div>
      </form>
    </>
  );
}

/** One round for the secretariat: its set-up, the next step for its state, applications with the formal check, CSV. */
export function RoundAdminPage() {
  const { id = '' } = useParams();
  const q = useQueryState({ state: '' });
  const appState = q.value('state');
  const loaded = useApi(() => unwrap(api.GET('/grant-rounds/{id}', { params: { path: { id } } })), [id]);
  const apps = useApi(
    () =>
      unwrap(
        api.GET('/grant-applications', {
          params: { query: { roundId: id, state: appState || undefined, page: q.page, pageSize: PAGE_SIZE } },
        }),
      ),
    [id, appState, q.page, loaded.data?.updatedAt],
  );
  return (
    <LoadedView loaded={loaded}>
      {(r) => {
        const s = settingsOf(r);
        return (
          <>
            <Title>{r.title}</Title>
            <dl className="facts">
              <dt>Status</dt>
              <dd>
                <RoundState state={r.state} />
              </dd>
              <dt>Åpner</dt>
              <dd>
                <DateTime value={s.opensAt} />
              </dd>
              <dt>Søknadsfrist</dt>
              <dd>
                <DateTime value={s.closesAt} />
              </dd>
              <dt>Frist for vurdering</dt>
              <dd>
                <DateTime value={s.scoringDeadline} />
              </dd>
              <dt>Ramme</dt>
              <dd>{kr(s.budget)}</dd>
              <dt>Godkjent</dt>
              <dd>{r.approval ? String(r.approval) : 'Ikke ennå'}</dd>
            </dl>
            <Paragraph>
              <Link href={`/utlysninger/${r.id}`}>Se utlysningen slik søkerne ser den</Link> ·{' '}
              <Link href={`/api/grant-rounds/${r.id}/export.csv`}>Last ned søknader og poeng (CSV)</Link> ·{' '}
              <Link href={`/prosesser/${r.instanceId}`}>Historikk</Link>
              {['review', 'recommendation', 'decision', 'awarded', 'followUp', 'completed'].includes(r.state) && (
                <>
                  {' · '}
                  <Link href={`/vurdering/${r.id}/innstilling`}>Rangering og innstilling</Link>
                </>
              )}
            </Paragraph>
            <NextStep round={r} onDone={loaded.reload} />
            <section aria-labelledby="soknader">
              <Heading level={2} data-size="md" id="soknader">
                Søknader
              </Heading>
              <div className="filters" role="group" aria-label="Filtrer søknadene">
                <Field>
                  <Label>Status</Label>
                  <Select value={appState} onChange={(e) => q.set({ state: e.target.value })}>
                    <option value="">Alle</option>
                    {Object.entries(applicationStateNames).map(([k, name]) => (
                      <option key={k} value={k}>
                        {name}
                      </option>
                    ))}
                  </Select>
                </Field>
              </div>
              <LoadedView loaded={apps}>
                {(p) => (
                  <>
                    <div className="table-wrap">
                      <Table>
                        <caption>Søknader i utlysningen; formell kontroll gjøres på søknaden</caption>
                        <TableHead>
                          <TableRow>
                            <TableHeaderCell>Søknad</TableHeaderCell>
                            <TableHeaderCell>Søker</TableHeaderCell>
                            <TableHeaderCell>Beløp</TableHeaderCell>
                            <TableHeaderCell>Status</TableHeaderCell>
                            <TableHeaderCell>Sendt inn</TableHeaderCell>
                          </TableRow>
                        </TableHead>
                        <TableBody>
                          {p.items.map(asApplication).map((a) => (
                            <TableRow key={a.id}>
                              <TableCell>
                                <Link href={`/soknader/${a.id}`}>{a.title || 'Uten tittel'}</Link>
                              </TableCell>
                              <TableCell>{a.organisation.name}</TableCell>
                              <TableCell>{kr(a.requestedAmount)}</TableCell>
                              <TableCell>
                                <ApplicationState state={a.state} />
                                {a.state === 'submitted' && ' – venter på formell kontroll'}
                              </TableCell>
                              <TableCell>{a.submittedAt ? <DateTime value={a.submittedAt} /> : '–'}</TableCell>
                            </TableRow>
                          ))}
                        </TableBody>
                      </Table>
                    </div>
                    <Pager
                      page={q.page}
                      pageSize={PAGE_SIZE}
                      total={p.total}
                      onChange={(n) => q.set({ page: String(n) }, false)}
                    />
                  </>
                )}
              </LoadedView>
            </section>
          </>
        );
      }}
    </LoadedView>
  );
}

/** The secretariat's next action for the round's state. */
function NextStep({ round, onDone }: { round: Schemas['RoundDto']; onDone: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  const [done, setDone] = useState<string>();
  const run = async (call: () => Promise<unknown>, message: string) => {
    setProblem(undefined);
    try {
      await call();
      setDone(message);
      onDone();
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err.problem);
    }
  };
  const path = { params: { path: { id: round.id }, header: { 'Idempotency-Key': idempotencyKey() } } };
  const approve = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return setError('Skriv hvor ASU godkjente utlysningen, for eksempel «ASU sak 45/24»');
    setError(undefined);
    void run(
      () => unwrap(api.POST('/grant-rounds/{id}/approve', { ...path, body: { reference: text.trim() } })),
      'Utlysningen er godkjent. Den åpner på tidspunktet som er satt.',
    );
  };
  return (
    <section aria-labelledby="neste">
      <Heading level={2} data-size="md" id="neste">
        Neste steg
      </Heading>
      {problem && <ProblemAlert problem={problem} />}
      {done && (
        <Paragraph role="status" data-testid="step-done">
          {done}
        </Paragraph>
      )}
      {round.state === 'draft' && (
        <form onSubmit={approve} noValidate style={{ display: 'grid', gap: 'var(--ds-size-4)', maxWidth: '40rem' }}>
          <Textfield
            label="ASUs godkjenning (saksnummer) *"
            description="For eksempel «ASU sak 45/24». Utlysningen blir offentlig."
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={error}
          />
          <div>
            <Button type="submit">Registrer godkjenning</Button>
          </div>
        </form>
      )}
      {round.state === 'approved' && (
        <Button
          onClick={() => void run(() => unwrap(api.POST('/grant-rounds/{id}/open', path)), 'Utlysningen er åpnet.')}
        >
          Åpne for søknader nå
        </Button>
      )}
      {round.state === 'open' && <Paragraph>Utlysningen er åpen. Søknadsfristen lukker den av seg selv.</Paragraph>}
      {round.state === 'closed' && (
        <>
          <Paragraph>
            Når alle innsendte søknader har vært gjennom formell kontroll, kan AU begynne å vurdere.
          </Paragraph>
          <Button
            onClick={() =>
              void run(() => unwrap(api.POST('/grant-rounds/{id}/review', path)), 'Vurderingen er startet.')
            }
          >
            Start vurderingen i AU
          </Button>
        </>
      )}
      {round.state === 'review' && (
        <>
          <Paragraph>
            AU vurderer. <Link href={`/vurdering/${round.id}`}>Se hvem som mangler</Link>. Vurderingen avsluttes ved
            fristen, eller nå når alle har vurdert.
          </Paragraph>
          <Button
            variant="secondary"
            onClick={() =>
              void run(() => unwrap(api.POST('/grant-rounds/{id}/close-scoring', path)), 'Vurderingen er avsluttet.')
            }
          >
            Avslutt vurderingen
          </Button>
        </>
      )}
      {round.state === 'recommendation' && (
        <>
          <Paragraph>
            <Link href={`/vurdering/${round.id}/innstilling`}>Gå gjennom innstillingen</Link>, og legg den fram for{' '}
            {settingsOf(round).decidingCommittee} som en sak.
          </Paragraph>
          <Button
            onClick={() =>
              void run(
                () =>
                  unwrap(
                    api.POST('/grant-rounds/{id}/innstilling', { ...path, body: { year: new Date().getFullYear() } }),
                  ),
                'Innstillingen er lagt fram som sak.',
              )
            }
          >
            Legg fram innstillingen som sak
          </Button>
        </>
      )}
      {round.state === 'decision' && round.decisionCaseId && (
        <Paragraph>
          Venter på vedtak i <Link href={`/saker/${round.decisionCaseId}`}>saken</Link>.
        </Paragraph>
      )}
      {round.state === 'awarded' && (
        <Button
          onClick={() =>
            void run(() => unwrap(api.POST('/grant-rounds/{id}/follow-up', path)), 'Oppfølgingen er startet.')
          }
        >
          Start oppfølgingen av prosjektene
        </Button>
      )}
      {round.state === 'followUp' && (
        <Button
          onClick={() =>
            void run(() => unwrap(api.POST('/grant-rounds/{id}/complete', path)), 'Utlysningen er avsluttet.')
          }
        >
          Avslutt utlysningen
        </Button>
      )}
      {['completed', 'cancelled'].includes(round.state) && (
        <Alert data-color="info">
          <Paragraph>
            Utlysningen er {round.state === 'cancelled' ? `avlyst: ${round.cancelledReason ?? ''}` : 'avsluttet'}.
          </Paragraph>
        </Alert>
      )}
    </section>
  );
}
