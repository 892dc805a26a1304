import { describe, expect, it } from 'vitest';
import { groupEventsByDay } from './agenda';

const now = new Date('2025-03-05T09:00:00Z'); // Wednesday 5 March, 10:00 in Paris

describe('agenda days', () => {
  it('groups events under « Aujourd’hui », « Demain » and their date, in Paris days', () => {
    const events = [
      { id: 'a', start: '2025-03-05T13:00:00Z' },
      { id: 'b', start: '2025-03-05T23:30:00Z' }, // 00:30 on Thursday in Paris
      { id: 'c', start: '2025-03-06T08:00:00Z' },
      { id: 'd', start: '2025-03-10T08:00:00Z' },
    ];
    const groups = groupEventsByDay(events, now);
    expect(groups.map((group) => [group.heading, group.events.map((event) => event.id)])).toEqual([
      ['Aujourd’hui', ['a']],
      ['Demain', ['b', 'c']],
      ['Lundi 10 mars', ['d']],
    ]);
  });

  it('shows an event still running since yesterday under today', () => {
    const groups = groupEventsByDay([{ id: 'seminar', start: '2025-03-04T08:00:00Z' }], now);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.heading).toBe('Aujourd’hui');
  });

  it('has no group without events', () => {
    expect(groupEventsByDay([], now)).toEqual([]);
  });
});
