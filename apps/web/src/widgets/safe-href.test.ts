import { describe, expect, it } from 'vitest';
import { safeHref } from './safe-href';

describe('safeHref', () => {
  it.each([
    ['https://cloud.demo-a.test/apps/files/?dir=/Documents', 'https://cloud.demo-a.test/apps/files/?dir=/Documents'],
    ['http://mail.demo-a.test/#1', 'http://mail.demo-a.test/#1'],
    ['HTTPS://Visio.Demo-A.test/Salle-1', 'https://visio.demo-a.test/Salle-1'],
  ])('keeps the absolute http(s) link %s', (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });

  it.each([
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['vbscript:msgbox(1)'],
    ['file:///etc/passwd'],
    ['ftp://files.demo-a.test/'],
    ['/apps/files'],
    ['//evil.example/'],
    ['cloud.demo-a.test/apps'],
    ['#top'],
    [' javascript:alert(1)'],
    ['java\tscript:alert(1)'],
    ['java\nscript:alert(1)'],
    ['\u0000javascript:alert(1)'],
    ['https://cloud.demo-a.test/\nfoo'],
    [' https://cloud.demo-a.test/'],
    ['https://bank.demo-a.test@evil.example/'],
    ['https://user:secret@cloud.demo-a.test/'],
    ['https://'],
    [''],
  ])('refuses %j', (input) => {
    expect(safeHref(input)).toBeUndefined();
  });

  it('refuses missing values', () => {
    expect(safeHref(undefined)).toBeUndefined();
    expect(safeHref(null)).toBeUndefined();
  });
});
