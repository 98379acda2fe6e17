import { norwegianDateTime, norwegianDuration, type RenderedMessage, type WorkflowDefinition } from '@samflyt/engine';
import { ruleName, type VoteResult } from './decision-rules';
import type { VoteContext } from './vote.machine';

const signature =
  '\n\nVennlig hilsen\nsekretariatet for helsefellesskapet\n\n(Denne e-posten er sendt automatisk fra samflyt.)';

const about = (c: VoteContext) =>
  [
    `Sak ${c.case.ref} ${c.case.title} (${c.committee.name})`,
    `Vedtaksregel: ${ruleName[c.rule]}`,
    c.deadline ? `Frist for å stemme: ${norwegianDateTime(c.deadline)}` : null,
    c.case.proposal ? `\nForslag til vedtak:\n${c.case.proposal}` : null,
  ]
    .filter((line) => line !== null)
    .join('\n');

const greeting = (d: Record<string, unknown>) => {
  const name = (d.recipient as { name?: string } | undefined)?.name;
  return name ? `Hei ${name},\n\n` : '';
};

const mail = (subject: string, lead: string, c: VoteContext): RenderedMessage => ({
  subject,
  text: `${lead}\n\n${about(c)}${signature}`,
});

export const voteTemplates: WorkflowDefinition<VoteContext>['templates'] = {
  opened: (c, d) =>
    mail(
      `Skriftlig avstemning: sak ${c.case.ref} ${c.case.title}`,
      `${greeting(d)}du er stemmeberettiget i en skriftlig avstemning. Avgi stemme (for, mot eller avstår) i samflyt innen fristen.`,
      c,
    ),
  reminder: (c, d) =>
    mail(
      `Påminnelse: avstemning i sak ${c.case.ref}, frist om ${norwegianDuration(String(d.offset))}`,
      `${greeting(d)}vi har ikke registrert din stemme i sak ${c.case.ref}. Fristen nærmer seg.`,
      c,
    ),
  result: (c, d) =>
    mail(
      `Resultat av avstemning: sak ${c.case.ref} ${c.case.title}`,
      `${greeting(d)}avstemningen er avsluttet${c.closedBy === 'deadline' ? ' ved fristen' : ''}.\n\n${(c.result as VoteResult).summary}`,
      c,
    ),
  cancelled: (c, d) =>
    mail(
      `Avstemning avlyst: sak ${c.case.ref} ${c.case.title}`,
      `${greeting(d)}avstemningen er avlyst.\n\nBegrunnelse:\n${c.cancelledReason ?? ''}`,
      c,
    ),
};
