import { describe, expect, it } from 'vitest';
import {
  announcementInputSchema,
  announcementPhase,
  byUrgency,
  reaches,
  type Announcement,
  type AnnouncementTarget,
} from './announcements.js';
import type { Subject } from './policies/index.js';

const A = 'collectivite-a';
const B = 'collectivite-b';
const finances: Subject = { userId: 'f', collectiviteId: A, role: 'agent', groups: ['agents', 'finances'] };
const urbanisme: Subject = { userId: 'u', collectiviteId: A, role: 'agent', groups: ['agents', 'urbanisme'] };
const adminA: Subject = { userId: 'a', collectiviteId: A, role: 'admin', groups: ['admins'] };
const financesB: Subject = { userId: 'fb', collectiviteId: B, role: 'agent', groups: ['agents', 'finances'] };

const start = '2026-12-01T08:00:00.000Z';
const end = '2026-12-10T18:00:00.000Z';
const during = new Date('2026-12-05T12:00:00.000Z');
const target = (overrides: Partial<AnnouncementTarget> = {}): AnnouncementTarget => ({
  collectiviteId: A,
  audience: ['finances'],
  startsAt: start,
  endsAt: end,
  ...overrides,
});

describe('who an announcement reaches', () => {
  it('reaches the members of its groups in its collectivité, during its window', () => {
    expect(reaches(finances, target(), during)).toBe(true);
  });

  it('never reaches another group, another collectivité, or an administrator outside its audience', () => {
    expect(reaches(urbanisme, target(), during)).toBe(false);
    expect(reaches(financesB, target(), during)).toBe(false);
    expect(reaches(adminA, target(), during)).toBe(false);
  });

  it('with no audience, reaches every member of its collectivité and nobody else', () => {
    const everyone = target({ audience: [] });
    expect([finances, urbanisme, adminA].map((s) => reaches(s, everyone, during))).toEqual([true, true, true]);
    expect(reaches(financesB, everyone, during)).toBe(false);
  });

  it('starts at its start, included, and stops at its end, excluded', () => {
    const ms = (iso: string, delta: number) => new Date(Date.parse(iso) + delta);
    expect(reaches(finances, target(), ms(start, -1))).toBe(false);
    expect(reaches(finances, target(), ms(start, 0))).toBe(true);
    expect(reaches(finances, target(), ms(end, -1))).toBe(true);
    expect(reaches(finances, target(), ms(end, 0))).toBe(false);
    expect(reaches(finances, target(), ms(end, 86_400_000))).toBe(false);
  });

  it('without an end, stays until deleted', () => {
    expect(reaches(finances, target({ endsAt: null }), new Date('2099-01-01T00:00:00Z'))).toBe(true);
    expect(announcementPhase({ startsAt: start, endsAt: null }, new Date('2026-11-30T00:00:00Z'))).toBe('scheduled');
  });

  it('matches whole group names only', () => {
    const partial: Subject = { ...finances, groups: ['finance', 'finances-b', 'FINANCES'] };
    expect(reaches(partial, target(), during)).toBe(false);
  });
});

describe('an announcement as an administrator writes it', () => {
  const valid = { title: ' Coupure réseau ', severity: 'urgent', placement: 'banner', startsAt: start };

  it('is trimmed, gets an empty body, every member and no end by default', () => {
    expect(announcementInputSchema.parse(valid)).toEqual({
      title: 'Coupure réseau',
      body: '',
      severity: 'urgent',
      placement: 'banner',
      audience: [],
      startsAt: start,
      endsAt: null,
    });
  });

  it('refuses an end before its start, an unknown severity, an empty title and unknown fields, in French', () => {
    const issues = (value: unknown) =>
      announcementInputSchema.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];
    expect(issues({ ...valid, endsAt: start })).toEqual(['La fin de diffusion doit venir après son début.']);
    expect(issues({ ...valid, severity: 'red' })).toEqual(['Gravité attendue : information, important ou urgent.']);
    expect(issues({ ...valid, title: '  ' })).toEqual(['Donnez un titre à l’annonce.']);
    expect(issues({ ...valid, collectiviteId: B })).toHaveLength(1);
  });
});

describe('the order people read them in', () => {
  const item = (severity: Announcement['severity'], startsAt: string): Announcement => ({
    id: `${severity}-${startsAt}`,
    title: severity,
    body: '',
    severity,
    placement: 'widget',
    startsAt,
    endsAt: null,
  });
  it('puts the most urgent first, then the newest', () => {
    const sorted = [
      item('information', '2026-12-03T00:00:00Z'),
      item('urgent', '2026-12-01T00:00:00Z'),
      item('information', '2026-12-04T00:00:00Z'),
      item('important', '2026-12-02T00:00:00Z'),
    ].sort(byUrgency);
    expect(sorted.map((a) => a.id)).toEqual([
      'urgent-2026-12-01T00:00:00Z',
      'important-2026-12-02T00:00:00Z',
      'information-2026-12-04T00:00:00Z',
      'information-2026-12-03T00:00:00Z',
    ]);
  });
});
