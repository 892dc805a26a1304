import { describe, expect, it } from 'vitest';
import { nextcloudAppLabel } from './nextcloud-apps.js';

describe('nextcloudAppLabel', () => {
  it('names the apps people meet in notifications in their words', () => {
    expect(nextcloudAppLabel('files_sharing')).toBe('Partage de fichiers');
    expect(nextcloudAppLabel('spreed')).toBe('Discussion');
    expect(nextcloudAppLabel('updatenotification')).toBe('Mises à jour');
    expect(nextcloudAppLabel('calendar')).toBe('Agenda');
  });

  it('never shows an id it does not know, nor an inherited property name', () => {
    for (const id of ['some_custom_app', 'constructor', '__proto__', 'toString', '']) {
      expect(nextcloudAppLabel(id)).toBe('Nextcloud');
    }
  });
});
