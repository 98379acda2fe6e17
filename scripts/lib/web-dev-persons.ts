import { demoPeople } from './demo-data';

export interface DevLoginPerson {
  key: string;
  sub: string;
  name: string;
  email: string;
  roles: string[];
  /** What they do, shown on the login page. */
  description: string;
}

const descriptions: Record<keyof typeof demoPeople, string> = {
  secretariat: 'Sekretariatet',
  asuLeader: 'Leder i ASU (stemmerett)',
  auMember: 'Medlem av AU og ASU',
  observer: 'Observatør i ASU',
  fagradLeader: 'Leder av fagråd',
  admin: 'Driftsansvarlig (admin og sekretariat)',
};

/** The demo persons the development login offers (no OIDC provider configured). */
export const devLoginPersons: DevLoginPerson[] = Object.entries(demoPeople).map(([key, p]) => ({
  key,
  sub: p.sub,
  name: p.name,
  email: p.email,
  roles: [...p.roles],
  description: descriptions[key as keyof typeof demoPeople],
}));
