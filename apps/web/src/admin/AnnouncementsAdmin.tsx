import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ANNOUNCEMENT_PLACEMENTS,
  ANNOUNCEMENT_SEVERITIES,
  announcementPhase,
  type AdminAnnouncement,
  type AnnouncementInput,
  type AnnouncementPlacement,
  type AnnouncementSeverity,
} from '@pleiade/contracts';
import {
  adminAnnouncementsQueryKey,
  announcementsQueryKey,
  createAnnouncement,
  deleteAnnouncement,
  fetchAdminAnnouncements,
  updateAnnouncement,
} from '../api/announcements';
import { errorMessage } from '../api/errors';
import { ErrorPanel } from '../app/ErrorPanel';
import { AnnouncementItem } from '../announcements/AnnouncementItem';
import { formatMoment, groupsText, parseGroups } from './boards/format';
import '../announcements/announcements.css';

/** What the form holds: dates as the `datetime-local` fields give them (the browser's time, Paris). */
interface Draft {
  title: string;
  body: string;
  severity: AnnouncementSeverity;
  placement: AnnouncementPlacement;
  audienceText: string;
  startsAt: string;
  endsAt: string;
}

function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function emptyDraft(): Draft {
  return {
    title: '',
    body: '',
    severity: 'information',
    placement: 'banner',
    audienceText: '',
    startsAt: localInput(new Date()),
    endsAt: '',
  };
}

function draftOf(announcement: AdminAnnouncement): Draft {
  return {
    title: announcement.title,
    body: announcement.body,
    severity: announcement.severity,
    placement: announcement.placement,
    audienceText: groupsText(announcement.audience),
    startsAt: localInput(new Date(announcement.startsAt)),
    endsAt: announcement.endsAt ? localInput(new Date(announcement.endsAt)) : '',
  };
}

/** The request; a date the browser cannot read is sent as typed, and the BFF says what is wrong. */
function inputOf(draft: Draft): AnnouncementInput {
  const instant = (value: string) => (Number.isNaN(Date.parse(value)) ? value : new Date(value).toISOString());
  return {
    title: draft.title,
    body: draft.body,
    severity: draft.severity,
    placement: draft.placement,
    audience: parseGroups(draft.audienceText),
    startsAt: instant(draft.startsAt),
    endsAt: draft.endsAt === '' ? null : instant(draft.endsAt),
  };
}

type Editing = { mode: 'create' } | { mode: 'edit'; announcement: AdminAnnouncement } | null;

/**
 * Banners and announcements of the collectivité: list, create with a preview, change, delete.
 * The BFF decides who may (policy `collectivite.administerAnnouncements`) and who is reached.
 */
export function AnnouncementsAdmin({ nav }: { nav: ReactNode }) {
  const { t } = useTranslation('adminBoards');
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: adminAnnouncementsQueryKey,
    queryFn: ({ signal }) => fetchAdminAnnouncements(signal),
  });
  const [editing, setEditing] = useState<Editing>(null);
  const [status, setStatus] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: adminAnnouncementsQueryKey }),
      queryClient.invalidateQueries({ queryKey: announcementsQueryKey }),
    ]);
  const remove = useMutation({
    mutationFn: deleteAnnouncement,
    onSuccess: async (_nothing, id) => {
      const title = list.data?.find((a) => a.id === id)?.title ?? '';
      setConfirming(null);
      setStatus(t('announcements.deleted', { title }));
      await refresh();
      document.getElementById('announcement-add')?.focus();
    },
  });
  const now = new Date();

  return (
    <>
      <h1>{t('announcements.title')}</h1>
      {nav}
      <div className="admin-page">
        <p className="admin-intro">{t('announcements.intro')}</p>
        <div aria-live="polite" className="visually-hidden">
          {status}
        </div>
        {editing ? (
          <AnnouncementForm
            key={editing.mode === 'edit' ? editing.announcement.id : 'new'}
            initial={editing.mode === 'edit' ? draftOf(editing.announcement) : emptyDraft()}
            onCancel={() => setEditing(null)}
            onSave={async (input) => {
              const saved =
                editing.mode === 'edit'
                  ? await updateAnnouncement(editing.announcement.id, input)
                  : await createAnnouncement(input);
              setEditing(null);
              setStatus(t('announcements.saved', { title: saved.title }));
              await refresh();
            }}
          />
        ) : (
          <button
            id="announcement-add"
            type="button"
            className="button button-primary"
            onClick={() => setEditing({ mode: 'create' })}
          >
            {t('announcements.new')}
          </button>
        )}
        <section aria-labelledby="announcement-list-title" className="admin-list-section">
          <h2 id="announcement-list-title">{t('announcements.listTitle')}</h2>
          {list.isError && (
            <ErrorPanel title={t('announcements.loadFailed')} error={list.error} onRetry={() => void list.refetch()} />
          )}
          {list.isPending && (
            <p role="status" className="page-loading">
              {t('announcements.loading')}
            </p>
          )}
          {list.data?.length === 0 && <p className="admin-empty">{t('announcements.empty')}</p>}
          {list.data && list.data.length > 0 && (
            <ul className="admin-card-list">
              {list.data.map((announcement) => (
                <li key={announcement.id} className="admin-card">
                  <h3 className="admin-card-title">{announcement.title}</h3>
                  <dl className="admin-card-facts">
                    <dt>{t('announcements.severity')}</dt>
                    <dd>{t(`announcements.severities.${announcement.severity}`)}</dd>
                    <dt>{t('announcements.placement')}</dt>
                    <dd>{t(`announcements.placements.${announcement.placement}`)}</dd>
                    <dt>{t('announcements.audience')}</dt>
                    <dd>
                      {announcement.audience.length === 0
                        ? t('announcements.everyone')
                        : announcement.audience.join(', ')}
                    </dd>
                    <dt>{t('announcements.broadcast')}</dt>
                    <dd>
                      {t('announcements.broadcastFrom', {
                        phase: t(`announcements.phase.${announcementPhase(announcement, now)}`),
                        start: formatMoment(announcement.startsAt),
                      })}
                      {announcement.endsAt
                        ? t('announcements.broadcastUntil', { end: formatMoment(announcement.endsAt) })
                        : t('announcements.broadcastNoEnd')}
                    </dd>
                    {announcement.placement === 'banner' && (
                      <>
                        <dt>{t('announcements.dismissedBy')}</dt>
                        <dd>{t('announcements.dismissals', { count: announcement.dismissals })}</dd>
                      </>
                    )}
                    <dt>{t('announcements.updatedBy')}</dt>
                    <dd>
                      {t('announcements.updatedByText', {
                        name: announcement.updatedBy,
                        moment: formatMoment(announcement.updatedAt),
                      })}
                    </dd>
                  </dl>
                  <div className="admin-secret-actions">
                    <button
                      type="button"
                      className="button button-secondary"
                      onClick={() => setEditing({ mode: 'edit', announcement })}
                      aria-label={t('announcements.editWhich', { title: announcement.title })}
                    >
                      {t('announcements.edit')}
                    </button>
                    {confirming === announcement.id ? (
                      <div className="admin-confirm" role="group" aria-label={t('announcements.confirmDelete')}>
                        <p>{t('announcements.deleteQuestion', { title: announcement.title })}</p>
                        <button
                          type="button"
                          className="button admin-danger-strong"
                          onClick={() => remove.mutate(announcement.id)}
                          disabled={remove.isPending}
                        >
                          {t('announcements.delete')}
                        </button>
                        <button type="button" className="button button-secondary" onClick={() => setConfirming(null)}>
                          {t('announcements.keep')}
                        </button>
                        {remove.isError && <p role="alert">{errorMessage(remove.error)}</p>}
                      </div>
                    ) : (
                      <button
                        type="button"
                        className="button admin-danger"
                        onClick={() => setConfirming(announcement.id)}
                        aria-label={t('announcements.deleteWhich', { title: announcement.title })}
                      >
                        {t('announcements.delete')}
                      </button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}

/** Creating or changing one announcement, with a preview of it where it will show. */
export function AnnouncementForm({
  initial,
  onSave,
  onCancel,
}: {
  initial: Draft;
  onSave: (input: AnnouncementInput) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation('adminBoards');
  const ids = useId();
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState('');
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    document.getElementById(`${ids}-heading`)?.focus();
  }, [ids]);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setProblem('');
    try {
      await onSave(inputOf(draft));
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };
  const preview = {
    title: draft.title.trim() || t('announcements.previewTitle'),
    body: draft.body.trim(),
    severity: draft.severity,
  };
  return (
    <section className="admin-panel" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} tabIndex={-1}>
        {initial.title ? t('announcements.formEdit', { title: initial.title }) : t('announcements.formNew')}
      </h2>
      <form className="admin-form" onSubmit={(event) => void submit(event)} noValidate>
        <div className="admin-field">
          <label htmlFor={`${ids}-title`}>{t('announcements.titleField')}</label>
          <input
            type="text"
            id={`${ids}-title`}
            value={draft.title}
            maxLength={120}
            required
            onChange={(event) => set('title', event.target.value)}
          />
        </div>
        <div className="admin-field">
          <label htmlFor={`${ids}-body`}>{t('announcements.body')}</label>
          <textarea
            id={`${ids}-body`}
            value={draft.body}
            maxLength={2000}
            rows={3}
            onChange={(event) => set('body', event.target.value)}
          />
        </div>
        <fieldset className="admin-fieldset">
          <legend>{t('announcements.severity')}</legend>
          {ANNOUNCEMENT_SEVERITIES.map((severity) => (
            <label key={severity} className="admin-choice">
              <input
                type="radio"
                name={`${ids}-severity`}
                value={severity}
                checked={draft.severity === severity}
                onChange={() => set('severity', severity)}
              />
              {t(`announcements.severities.${severity}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="admin-fieldset">
          <legend>{t('announcements.placement')}</legend>
          {ANNOUNCEMENT_PLACEMENTS.map((placement) => (
            <label key={placement} className="admin-choice">
              <input
                type="radio"
                name={`${ids}-placement`}
                value={placement}
                checked={draft.placement === placement}
                onChange={() => set('placement', placement)}
              />
              {t(`announcements.placements.${placement}`)}
            </label>
          ))}
        </fieldset>
        <div className="admin-field">
          <label htmlFor={`${ids}-audience`}>{t('announcements.audienceField')}</label>
          <input
            type="text"
            id={`${ids}-audience`}
            value={draft.audienceText}
            aria-describedby={`${ids}-audience-hint`}
            onChange={(event) => set('audienceText', event.target.value)}
          />
          <p id={`${ids}-audience-hint`} className="admin-hint">
            {t('announcements.audienceHint')}
          </p>
        </div>
        <div className="admin-field">
          <label htmlFor={`${ids}-start`}>{t('announcements.start')}</label>
          <input
            id={`${ids}-start`}
            type="datetime-local"
            value={draft.startsAt}
            required
            onChange={(event) => set('startsAt', event.target.value)}
          />
        </div>
        <div className="admin-field">
          <label htmlFor={`${ids}-end`}>{t('announcements.end')}</label>
          <input
            id={`${ids}-end`}
            type="datetime-local"
            value={draft.endsAt}
            aria-describedby={`${ids}-end-hint`}
            onChange={(event) => set('endsAt', event.target.value)}
          />
          <p id={`${ids}-end-hint`} className="admin-hint">
            {t('announcements.endHint')}
          </p>
        </div>
        <div className="announcement-preview" aria-label={t('announcements.preview')} role="group">
          <p className="admin-field-label">
            {t('announcements.previewOf', {
              placement: t(`announcements.placements.${draft.placement}`).toLowerCase(),
            })}
          </p>
          <div
            className={draft.placement === 'banner' ? `banner banner-${draft.severity}` : 'announcement-preview-widget'}
          >
            <AnnouncementItem announcement={preview} headingLevel={null} />
          </div>
        </div>
        {problem !== '' && (
          <p className="admin-form-alert" role="alert">
            {problem}
          </p>
        )}
        <div className="admin-secret-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? t('announcements.saving') : t('announcements.publish')}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('announcements.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
