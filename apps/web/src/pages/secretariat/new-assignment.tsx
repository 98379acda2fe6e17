import { Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, idempotencyKey, unwrap } from '../../api/client';
import { problemFieldErrors } from '../../api/problem';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { fieldTexts, SchemaForm, type JsonSchema } from '../../components/schema-form';
import { useAction } from '../../lib/use-action';
import { useApi } from '../../lib/use-api';

/** An assignment (oppdrag), with the form rendered from the workflow's input schema (GET /workflows). */
export function NewAssignmentPage() {
  const navigate = useNavigate();
  const workflows = useApi(() => unwrap(api.GET('/workflows')), []);
  const action = useAction();
  const [key] = useState(idempotencyKey);
  const submit = (input: Record<string, unknown>) =>
    void action.run(async () => {
      const started = await unwrap(
        api.POST('/workflows/{name}/instances', {
          params: { path: { name: 'assignment' }, header: { 'Idempotency-Key': key } },
          body: { input },
        }),
      );
      navigate(`/prosesser/${started.id}`);
    });
  const labels = Object.fromEntries(Object.entries(fieldTexts).map(([k, v]) => [k, v.label]));
  return (
    <>
      <Title>Nytt oppdrag</Title>
      <Paragraph>
        Et vedtak delegerer et oppdrag («ASU delegerer til AU å …») med en frist. Den ansvarlige får e-post, påminnelser
        før fristen og varsel når fristen er overskredet.
      </Paragraph>
      <ProblemAlert problem={action.problem} fieldLabels={labels} />
      <LoadedView loaded={workflows}>
        {(list) => {
          const assignment = list.find((w) => w.name === 'assignment' && w.latest);
          if (!assignment) return <Paragraph>Oppdrag er ikke tilgjengelig.</Paragraph>;
          const schema = assignment.inputSchema as JsonSchema;
          const { caseId: _caseId, owner: _owner, ...properties } = schema.properties ?? {};
          return (
            <div style={{ maxWidth: '40rem' }}>
              <SchemaForm
                schema={{ ...schema, properties }}
                submitLabel="Opprett oppdraget"
                onSubmit={submit}
                busy={action.busy}
                serverErrors={problemFieldErrors(action.problem?.errors)}
              />
            </div>
          );
        }}
      </LoadedView>
    </>
  );
}
