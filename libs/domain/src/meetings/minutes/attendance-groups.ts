/** One person's line in the referat's attendance table, from memberships and attendance. */
export interface SeatRow {
  personId: string;
  name: string;
  /** Null for a person who is not a member (a guest: «Andre til stede»). */
  role: string | null;
  party: string | null;
  represents: string | null;
  organisation: string | null;
  status: 'present' | 'remote' | 'absent' | null;
  standsInForName: string | null;
}

export interface AttendanceLine {
  label: string;
  /** «x», «x (Teams)» or empty. */
  present: string;
  /** «x» or empty. */
  absent: string;
}

export interface AttendanceGroup {
  heading: string;
  lines: AttendanceLine[];
}

type GroupKey =
  'kommune' | 'sykehus' | 'fastlege' | 'bruker' | 'ansatt' | 'annen' | 'observer' | 'vara' | 'guest' | 'secretariat';

const ORDER: GroupKey[] = [
  'kommune',
  'sykehus',
  'fastlege',
  'bruker',
  'ansatt',
  'annen',
  'observer',
  'vara',
  'guest',
  'secretariat',
];

const HEADINGS: Record<GroupKey, string> = {
  kommune: 'Kommunene',
  sykehus: 'Helseforetaket',
  fastlege: 'Fastlegerepresentanter',
  bruker: 'Brukerrepresentanter',
  ansatt: 'Ansatte representanter (observatører)',
  annen: 'Andre medlemmer',
  observer: 'Observatører',
  vara: 'Vararepresentanter',
  guest: 'Andre til stede',
  secretariat: 'Sekretariatet',
};

function groupOf(row: SeatRow): GroupKey {
  if (row.role === null) return 'guest';
  if (row.role === 'sekretariat') return 'secretariat';
  if (row.role === 'vara') return 'vara';
  if (row.party === 'ansatt') return 'ansatt';
  if (row.role === 'observatør') return 'observer';
  return (row.party as GroupKey | null) ?? 'annen';
}

function lineOf(row: SeatRow): AttendanceLine {
  const label =
    row.role === 'vara' && row.standsInForName
      ? `${row.name} møtte som vara for ${row.standsInForName}`
      : row.represents
        ? `${row.name}, ${row.represents}`
        : row.name;
  return {
    label,
    present: row.status === 'present' ? 'x' : row.status === 'remote' ? 'x (Teams)' : '',
    absent: row.status === 'absent' ? 'x' : '',
  };
}

/**
 * The referat's attendance table: members grouped by party and role as the minutes group them
 * (Kommunene, the hospital, fastleger, brukere, ansatte, observatører), then the varas who met
 * for someone, guests, and the secretariat. A vara who did not meet, or a guest who did not, is left out.
 */
export function attendanceGroups(rows: SeatRow[]): AttendanceGroup[] {
  const byGroup = new Map<GroupKey, SeatRow[]>();
  for (const row of rows) {
    const key = groupOf(row);
    const attended = row.status === 'present' || row.status === 'remote';
    if ((key === 'vara' || key === 'guest') && !attended) continue;
    byGroup.set(key, [...(byGroup.get(key) ?? []), row]);
  }
  return ORDER.filter((key) => byGroup.has(key)).map((key) => {
    const members = byGroup.get(key)!;
    const organisations = new Set(members.map((m) => m.organisation));
    const heading =
      key === 'sykehus' && organisations.size === 1 && members[0].organisation
        ? members[0].organisation
        : HEADINGS[key];
    return { heading, lines: members.map(lineOf) };
  });
}
