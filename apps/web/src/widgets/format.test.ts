import { describe, expect, it } from 'vitest';
import { countLabel, folderOf, formatFileSize, sentence } from './format';

describe('French counts', () => {
  it('takes the singular for 0 and 1, the plural above, with French digit grouping', () => {
    expect(countLabel(0, 'message non lu', 'messages non lus')).toBe('0 message non lu');
    expect(countLabel(1, 'message non lu', 'messages non lus')).toBe('1 message non lu');
    expect(countLabel(2, 'message non lu', 'messages non lus')).toBe('2 messages non lus');
    expect(countLabel(12_345, 'mention', 'mentions')).toBe('12\u202f345 mentions');
  });
});

describe('file sizes', () => {
  it('uses French units and a decimal comma', () => {
    expect(formatFileSize(0)).toBe('0 octet');
    expect(formatFileSize(512)).toBe('512 octets');
    expect(formatFileSize(1536)).toBe('1,5 Ko');
    expect(formatFileSize(5 * 1024 * 1024)).toBe('5 Mo');
    expect(formatFileSize(3.25 * 1024 ** 3)).toBe('3,3 Go');
  });
});

describe('sentences', () => {
  it('capitalises and ends a validation message', () => {
    expect(sentence('le mot de passe d’application ou le jeton est requis')).toBe(
      'Le mot de passe d’application ou le jeton est requis.',
    );
    expect(sentence('Déjà une phrase.')).toBe('Déjà une phrase.');
  });
});

describe('file folders', () => {
  it('shows the folder of a path, nothing at the root', () => {
    expect(folderOf('/Documents/Conseil/ordre du jour.pdf')).toBe('Documents/Conseil');
    expect(folderOf('/rapport.odt')).toBe('');
    expect(folderOf('rapport.odt')).toBe('');
  });
});
