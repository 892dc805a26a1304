import { useId } from 'react';
import { MAX_NOTE_LENGTH } from '@pleiade/contracts';
import type { WidgetProps } from './types';

const count = new Intl.NumberFormat('fr-FR');

export default function NotesWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'notes'>) {
  const id = useId();
  const { text } = widget.options;
  if (readOnly) {
    return text.trim() === '' ? (
      <p className="widget-state">Cette note est vide.</p>
    ) : (
      <p className="note-readonly">{text}</p>
    );
  }
  return (
    <div className="note">
      <label className="visually-hidden" htmlFor={`${id}-text`}>
        Texte de la note
      </label>
      <textarea
        id={`${id}-text`}
        className="note-text"
        value={text}
        maxLength={MAX_NOTE_LENGTH}
        aria-describedby={`${id}-count`}
        placeholder="Écrivez ici…"
        spellCheck
        onChange={(event) => onOptionsChange({ text: event.target.value })}
      />
      <p id={`${id}-count`} className="note-count">
        {count.format(text.length)} / {count.format(MAX_NOTE_LENGTH)} caractères
      </p>
    </div>
  );
}
