import { attendanceGroups, type SeatRow } from './attendance-groups';

const row = (name: string, extra: Partial<SeatRow>): SeatRow => ({
  personId: name,
  name,
  role: 'medlem',
  party: 'kommune',
  represents: null,
  organisation: null,
  status: 'present',
  standsInForName: null,
  ...extra,
});

describe('attendanceGroups', () => {
  it('groups members as the minutes do, with Teams and forfall marked', () => {
    const groups = attendanceGroups([
      row('Ingjerd Astad', { represents: 'Trøndelag sør-vest' }),
      row('Paul Georg Skogen', { party: 'sykehus', organisation: 'St. Olavs hospital', status: 'remote' }),
      row('Arnfinn Seim', { party: 'fastlege', status: 'absent' }),
      row('Tove Kvalø', { role: 'observatør', party: 'ansatt' }),
      row('Eirik Aronsen', { role: 'vara', party: 'sykehus', standsInForName: 'Paul Georg Skogen' }),
      row('Gjest', { role: null, party: null }),
      row('Solveig Tofte', { role: 'sekretariat', party: 'annen' }),
    ]);
    expect(groups.map((g) => g.heading)).toEqual([
      'Kommunene',
      'St. Olavs hospital',
      'Fastlegerepresentanter',
      'Ansatte representanter (observatører)',
      'Vararepresentanter',
      'Andre til stede',
      'Sekretariatet',
    ]);
    expect(groups[0].lines).toEqual([{ label: 'Ingjerd Astad, Trøndelag sør-vest', present: 'x', absent: '' }]);
    expect(groups[1].lines[0]).toMatchObject({ present: 'x (Teams)', absent: '' });
    expect(groups[2].lines[0]).toMatchObject({ present: '', absent: 'x' });
    expect(groups[4].lines[0].label).toBe('Eirik Aronsen møtte som vara for Paul Georg Skogen');
  });

  it('leaves out varas and guests who did not meet', () => {
    const groups = attendanceGroups([
      row('Vara', { role: 'vara', status: 'absent' }),
      row('Gjest', { role: null, party: null, status: null }),
    ]);
    expect(groups).toEqual([]);
  });
});
