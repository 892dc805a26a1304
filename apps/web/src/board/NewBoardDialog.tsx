import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_BOARD_NAME_LENGTH } from '@pleiade/contracts';
import { errorMessage } from '../api/errors';

interface NewBoardDialogProps {
  open: boolean;
  /** Creates the board; a refusal's French message is shown in the dialog. */
  onCreate: (name: string) => Promise<void>;
  onClose: () => void;
}

/**
 * « Nouveau tableau »: its name, then an empty board opens in edit mode. A native modal dialog. The
 * name offered is the contracts' NEW_BOARD_NAME in French (checked by a test), said in the
 * interface's language.
 */
export function NewBoardDialog({ open, onCreate, onClose }: NewBoardDialogProps) {
  const { t } = useTranslation('board');
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const [name, setName] = useState(() => t('newBoard.defaultName'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setName(t('newBoard.defaultName'));
      setError(null);
      dialog.showModal();
      inputRef.current?.select();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, t]);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (name.trim() === '') {
      setError(t('boardName.required'));
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    onCreate(name.trim()).then(
      () => setBusy(false),
      (failure: unknown) => {
        setBusy(false);
        setError(errorMessage(failure));
        inputRef.current?.focus();
      },
    );
  };

  return (
    <dialog
      ref={dialogRef}
      className="small-dialog"
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <form className="small-dialog-inner" onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>{t('newBoard.title')}</h2>
        <p>{t('newBoard.intro')}</p>
        <div className="form-field">
          <label htmlFor={`${id}-name`}>{t('boardName.label')}</label>
          <input
            ref={inputRef}
            id={`${id}-name`}
            className="cw-input"
            type="text"
            value={name}
            maxLength={MAX_BOARD_NAME_LENGTH}
            required
            aria-invalid={error !== null}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => setName(event.target.value)}
          />
          {error && (
            <p id={`${id}-error`} className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <div className="dialog-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('newBoard.create')}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('actions.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
