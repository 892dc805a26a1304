import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NOTE_LENGTH } from '@pleiade/contracts';
import { formatCount } from './format';
import type { WidgetProps } from './types';

export default function NotesWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'notes'>) {
  const { t } = useTranslation('widgets');
  const id = useId();
  const { text } = widget.options;
  if (readOnly) {
    return text.trim() === '' ? (
      <p className="widget-state">{t('notes.empty')}</p>
    ) : (
      <p className="note-readonly">{text}</p>
    );
  }
  return (
    <div className="note">
      <label className="visually-hidden" htmlFor={`${id}-text`}>
        {t('notes.label')}
      </label>
      <textarea
        id={`${id}-text`}
        className="note-text"
        value={text}
        maxLength={MAX_NOTE_LENGTH}
        aria-describedby={`${id}-count`}
        placeholder={t('notes.placeholder')}
        spellCheck
        onChange={(event) => onOptionsChange({ text: event.target.value })}
      />
      <p id={`${id}-count`} className="note-count">
        {t('notes.count', { length: formatCount(text.length), max: formatCount(MAX_NOTE_LENGTH) })}
      </p>
    </div>
  );
}
