import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_BOARD_NAME_LENGTH } from '@pleiade/contracts';
import { errorMessage } from '../api/errors';

interface RenameFormProps {
  name: string;
  onRename: (name: string) => Promise<void>;
  onDone: () => void;
}

/** The board's title turned into a field: Entrée saves, Échap or « Annuler » leaves it as it was. */
export function RenameForm({ name, onRename, onDone }: RenameFormProps) {
  const { t } = useTranslation('board');
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    inputRef.current?.select();
  }, []);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const trimmed = value.trim();
    if (trimmed === '') {
      setError(t('boardName.required'));
      return;
    }
    if (trimmed === name) {
      onDone();
      return;
    }
    setBusy(true);
    onRename(trimmed).then(
      () => onDone(),
      (failure: unknown) => {
        setBusy(false);
        setError(errorMessage(failure));
        inputRef.current?.focus();
      },
    );
  };

  return (
    <form
      className="rename-form"
      onSubmit={submit}
      noValidate
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onDone();
        }
      }}
    >
      <label htmlFor={`${id}-name`} className="rename-label">
        {t('boardName.label')}
      </label>
      <input
        ref={inputRef}
        id={`${id}-name`}
        className="cw-input rename-input"
        type="text"
        value={value}
        maxLength={MAX_BOARD_NAME_LENGTH}
        required
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => setValue(event.target.value)}
      />
      <button type="submit" className="button button-primary" disabled={busy}>
        {t('rename.save')}
      </button>
      <button type="button" className="button button-secondary" onClick={onDone}>
        {t('actions.cancel')}
      </button>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
