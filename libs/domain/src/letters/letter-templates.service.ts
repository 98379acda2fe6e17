import { forbidden, hasRole, invalidInput, constraintError, type Actor } from '@samflyt/engine';
import {
  DEFAULT_LETTER_TEXTS,
  LETTER_FIELDS,
  LETTER_TITLES,
  ROUND_LETTER_KINDS,
  unknownFields,
  type LetterKind,
  type LetterRequest,
  type LetterText,
} from '@samflyt/workflows';
import type { GrantRoundService } from '../grants/grant-round.service';
import { renderLetter } from './letter-rendering';
import type { LetterSender } from './letter-sender';
import type { LettersRepository, TemplateVersionRow } from './letters.repository';

export type RoundLetterKind = (typeof ROUND_LETTER_KINDS)[number];

export interface LetterTemplateView {
  kind: RoundLetterKind;
  title: string;
  /** 0: the built-in text, never changed for this round. */
  version: number;
  subject: string;
  body: string;
  fields: Record<string, string>;
  changedBy: string | null;
  changedAt: Date | null;
}

const view = (kind: RoundLetterKind, row: TemplateVersionRow | undefined): LetterTemplateView => ({
  kind,
  title: LETTER_TITLES[kind],
  version: row?.version ?? 0,
  subject: row?.subject ?? DEFAULT_LETTER_TEXTS[kind].subject,
  body: row?.body ?? DEFAULT_LETTER_TEXTS[kind].body,
  fields: LETTER_FIELDS[kind],
  changedBy: row?.created_by_name ?? null,
  changedAt: row?.created_at ?? null,
});

/** What a preview fills the placeholders with: the round's title and an example for each field. */
function sampleRequest(kind: LetterKind, roundId: string, roundTitle: string, appealTo: string): LetterRequest {
  const fields: Record<string, string> = Object.fromEntries(
    Object.entries(LETTER_FIELDS[kind]).map(([name, about]) => [name, `[${about}]`]),
  );
  Object.assign(fields, {
    mottaker: 'Kari Nordmann',
    organisasjon: 'Eksempel kommune',
    soknad: 'Eksempelprosjekt',
    utlysning: roundTitle,
    soktBelop: '500 000 kr',
    tildeltBelop: '400 000 kr',
    sak: '99/24',
    frist: '1. juni 2025 kl. 12.00',
  });
  const vedtak = kind === 'informasjonsforespørsel' ? null : kind;
  return {
    kind,
    scope: roundId,
    addressee: {
      key: 'preview',
      personId: null,
      name: 'Kari Nordmann',
      organisation: 'Eksempel kommune',
      email: 'kari.nordmann@eksempel.example',
    },
    caseRef: '99/24',
    theirRef: null,
    fields,
    vedtak:
      vedtak === null
        ? null
        : {
            legalBasis:
              'Vedtaket er fattet av ASU etter utlysningens kriterier. Reglene om ' +
              'enkeltvedtak i forvaltningsloven gjelder: begrunnelsen står i brevet (§§ 24–25), og du underrettes ' +
              'skriftlig (§ 27).',
            appeal: vedtak === 'klagevedtak' ? null : { deadline: '2025-06-23T21:59:59.000Z', appealTo },
          },
    signedBy: 'Saksbehandler i sekretariatet',
  };
}

/**
 * The texts of a round's letters: the secretariat reads, changes (each change a new version; old ones kept) and
 * previews them. A letter records the version it was written with (`letters.template_version`).
 */
export class LetterTemplatesService {
  constructor(
    private readonly templates: LettersRepository,
    private readonly rounds: GrantRoundService,
    private readonly sender: LetterSender,
  ) {}

  private async round(roundId: string, actor: Actor) {
    const round = await this.rounds.get(roundId, actor);
    if (!hasRole(actor, 'secretariat', 'admin')) throw forbidden("A round's letter texts are the secretariat's");
    return round;
  }

  async list(roundId: string, actor: Actor): Promise<LetterTemplateView[]> {
    await this.round(roundId, actor);
    const latest = await this.templates.latestTemplates(roundId);
    return ROUND_LETTER_KINDS.map((kind) =>
      view(
        kind,
        latest.find((r) => r.kind === kind),
      ),
    );
  }

  async get(
    roundId: string,
    kind: RoundLetterKind,
    actor: Actor,
  ): Promise<LetterTemplateView & { versions: LetterTemplateView[] }> {
    await this.round(roundId, actor);
    const versions = await this.templates.templateVersions(roundId, kind);
    return { ...view(kind, versions[0]), versions: versions.map((v) => view(kind, v)) };
  }

  async put(roundId: string, kind: RoundLetterKind, text: LetterText, actor: Actor): Promise<LetterTemplateView> {
    await this.round(roundId, actor);
    checkFields(kind, text);
    try {
      return view(kind, await this.templates.addTemplateVersion(roundId, kind, text, actor));
    } catch (error) {
      throw constraintError(error);
    }
  }

  /** The letter as a PDF with example data, in the given text or the round's current one. */
  async preview(roundId: string, kind: RoundLetterKind, draft: LetterText | null, actor: Actor): Promise<Buffer> {
    const round = await this.round(roundId, actor);
    if (draft) checkFields(kind, draft);
    const text = draft ?? (await this.get(roundId, kind, actor));
    const request = sampleRequest(kind, roundId, round.title, String(round.settings.decidingCommittee ?? 'ASU'));
    return (await renderLetter(request, text, this.sender, new Date())).bytes;
  }
}

function checkFields(kind: LetterKind, text: LetterText): void {
  const errors = (['subject', 'body'] as const).flatMap((field) => {
    const unknown = unknownFields(kind, text[field]);
    return unknown.length
      ? [{ field, message: `unknown placeholder(s) ${unknown.map((u) => `{{${u}}}`).join(', ')}` }]
      : [];
  });
  if (errors.length) throw invalidInput(errors);
}
