import { Link, Paragraph } from '@digdir/designsystemet-react';
import { api, unwrap, type Schemas } from '../../api/client';
import { DataTable } from '../../components/data-table';
import { Title } from '../../components/guards';
import { LoadedView } from '../../components/loading';
import { DateTime } from '../../components/time';
import { relativeDays } from '../../lib/format';
import { useSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { RoundState } from './common';
import { asReview, settingsOf, type Review } from './model';

/** «Min vurderingskø»: the rounds under review where the member scores, what is missing and by when. */
export function ReviewQueuePage() {
  const { me } = useSession();
  const loaded = useApi(async () => {
    const rounds = (await unwrap(api.GET('/grant-rounds', { params: { query: { pageSize: 100 } } }))).items.filter(
      (r) => ['review', 'recommendation', 'decision'].includes(r.state),
    );
    const out: { round: Schemas['RoundDto']; review: Review | null }[] = [];
    for (const round of rounds) {
      const review = await unwrap(api.GET('/grant-rounds/{id}/review', { params: { path: { id: round.id } } }))
        .then(asReview)
        .catch(() => null);
      out.push({ round, review });
    }
    return out;
  }, []);
  return (
    <>
      <Title>Min vurderingskø</Title>
      <Paragraph>
        Søknader du skal vurdere i utlysninger der utvalget ditt innstiller, og innstillingene når vurderingen er
        ferdig.
      </Paragraph>
      <LoadedView loaded={loaded}>
        {(list) => {
          const rows = list.filter((x) => x.review);
          if (rows.length === 0) return <Paragraph>Du har ingen søknader å vurdere nå.</Paragraph>;
          return (
            <DataTable
              caption="Utlysninger til vurdering"
              rows={rows}
              rowKey={({ round }) => round.id}
              columns={[
                {
                  header: 'Utlysning',
                  cell: ({ round }) => (
                    <>
                      <Link href={`/vurdering/${round.id}`}>{round.title}</Link>
                      {round.state !== 'review' && (
                        <>
                          {' · '}
                          <Link href={`/vurdering/${round.id}/innstilling`}>Innstilling</Link>
                        </>
                      )}
                    </>
                  ),
                },
                { header: 'Status', cell: ({ round }) => <RoundState state={round.state} /> },
                {
                  header: 'Gjenstår for deg',
                  cellProps: { 'data-testid': 'missing-count' },
                  cell: ({ round, review }) => {
                    const missing = review!.missing.find((m) => m.personId === me?.person.id)?.missing ?? [];
                    if (round.state !== 'review') return 'Vurderingen er avsluttet';
                    if (missing.length === 0) return 'Ingen – du er ferdig';
                    return `${missing.length} ${missing.length === 1 ? 'søknad' : 'søknader'}`;
                  },
                },
                {
                  header: 'Frist for vurdering',
                  cell: ({ round }) => {
                    const s = settingsOf(round);
                    return (
                      <>
                        <DateTime value={s.scoringDeadline} /> ({relativeDays(s.scoringDeadline)})
                      </>
                    );
                  },
                },
              ]}
            />
          );
        }}
      </LoadedView>
    </>
  );
}
