import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  LOGO_TYPES,
  MAX_LOGO_BYTES,
  can,
  checkPrimaryColour,
  type AdminAppLink,
  type CollectiviteLook,
  type Me,
} from '@pleiade/contracts';
import { errorMessage as baseMessage, isApiError } from '../api/errors';
import { i18n, intlLocale } from '../i18n';
import { queryKeys } from '../api/queries';
import {
  adminAppLinksQuery,
  createAppLink,
  deleteAppLink,
  deleteLogo,
  installationQuery,
  lookQuery,
  orderAppLinks,
  updateAppLink,
  updateLook,
  uploadLogo,
} from '../api/look';
import { ErrorPanel } from '../app/ErrorPanel';
import { subjectOf } from '../app/permissions';
import { AdminNav } from '../admin/boards/AdminNav';
import '../admin/admin.css';
import { AppIcon, linkIconOf } from './icons';

const DEFAULT_COLOUR = '#1d4ed8';

/** The server's words, with what each refused field needs (« Adresse attendue commençant par http:// … »). */
function errorMessage(error: unknown): string {
  const message = baseMessage(error);
  if (!isApiError(error)) return message;
  const details = error.details.map((detail) => detail.message).filter((detail) => detail !== message);
  return [message, ...new Set(details)].join(' ');
}

const ratios = new Map<string, Intl.NumberFormat>();

/** « 4,52:1 » in French, "4.52:1" in English: rounded down, so that 4.499 never reads 4.5. */
export function contrastRatioText(ratio: number): string {
  const locale = intlLocale();
  let format = ratios.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    ratios.set(locale, format);
  }
  return `${format.format(Math.floor(ratio * 100) / 100)}:1`;
}

/** « Apparence et lanceur »: the collectivité's name, logo and colour, its launcher links; the operator's view. */
export function LookAdmin({ me }: { me: Me }) {
  const { t } = useTranslation('look');
  const subject = subjectOf(me);
  const resource = { collectiviteId: me.collectivite.id };
  if (!can(subject, 'collectivite.administerLook', resource)) {
    return (
      <>
        <h1>{t('page.heading')}</h1>
        <div className="notice" role="alert">
          <p className="notice-title">{t('page.deniedTitle')}</p>
          <p>{t('page.denied')}</p>
        </div>
      </>
    );
  }
  return (
    <>
      <h1>{t('page.title')}</h1>
      <AdminNav current="look" />
      <div className="admin-page">
        <LookForm />
        <LauncherLinks />
        {can(subject, 'installation.read', { installation: true }) && <Installation />}
      </div>
    </>
  );
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error(i18n.t('look:logo.unreadable')));
    reader.readAsDataURL(file);
  });
}

function LookForm() {
  const { t } = useTranslation('look');
  const look = useQuery(lookQuery);
  if (look.isPending) return <p role="status">{t('look.loading')}</p>;
  if (look.isError) {
    return <ErrorPanel title={t('look.loadFailed')} error={look.error} onRetry={() => void look.refetch()} />;
  }
  return <LookFields look={look.data} />;
}

function LookFields({ look }: { look: CollectiviteLook }) {
  const { t } = useTranslation('look');
  const queryClient = useQueryClient();
  const [name, setName] = useState(look.name);
  const [colour, setColour] = useState(look.primaryColor ?? '');
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [logoStatus, setLogoStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const ids = { name: useId(), colour: useId(), picker: useId(), contrast: useId(), logo: useId() };

  const validColour = /^#[0-9a-fA-F]{6}$/.test(colour);
  const check = validColour ? checkPrimaryColour(colour) : null;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    try {
      const saved = await updateLook({ name, primaryColor: colour.trim() === '' ? null : colour.trim() });
      queryClient.setQueryData(lookQuery.queryKey, saved);
      setStatus({ kind: 'ok', text: t('look.saved') });
    } catch (error) {
      setStatus({ kind: 'error', text: errorMessage(error) });
    }
  };

  const chooseLogo = async (file: File | undefined) => {
    setLogoStatus(null);
    if (!file) return;
    if (!(LOGO_TYPES as readonly string[]).includes(file.type)) {
      setLogoStatus({ kind: 'error', text: t('logo.wrongType') });
      return;
    }
    if (file.size > MAX_LOGO_BYTES) {
      setLogoStatus({ kind: 'error', text: t('logo.tooLarge') });
      return;
    }
    try {
      const saved = await uploadLogo({
        contentType: file.type as (typeof LOGO_TYPES)[number],
        data: await readAsBase64(file),
      });
      queryClient.setQueryData(lookQuery.queryKey, saved);
      setLogoStatus({ kind: 'ok', text: t('logo.saved') });
    } catch (error) {
      setLogoStatus({ kind: 'error', text: errorMessage(error) });
    }
  };

  const removeLogo = async () => {
    try {
      await deleteLogo();
      await queryClient.invalidateQueries({ queryKey: lookQuery.queryKey });
      setLogoStatus({ kind: 'ok', text: t('logo.removed') });
    } catch (error) {
      setLogoStatus({ kind: 'error', text: errorMessage(error) });
    }
  };

  return (
    <section className="admin-panel" aria-labelledby="look-heading">
      <h2 id="look-heading">{t('look.heading')}</h2>
      <form className="admin-form" onSubmit={(event) => void save(event)} noValidate>
        <div className="admin-field">
          <label htmlFor={ids.name}>{t('look.name')}</label>
          <input id={ids.name} type="text" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="admin-field">
          <label htmlFor={ids.colour}>{t('look.colour')}</label>
          <div className="look-colour-row">
            <input
              id={ids.picker}
              type="color"
              aria-label={t('look.picker')}
              value={validColour ? colour.toLowerCase() : DEFAULT_COLOUR}
              onChange={(e) => setColour(e.target.value)}
            />
            <input
              id={ids.colour}
              type="text"
              value={colour}
              placeholder={DEFAULT_COLOUR}
              aria-describedby={ids.contrast}
              onChange={(e) => setColour(e.target.value)}
            />
          </div>
          <p id={ids.contrast} className="look-contrast">
            {check
              ? check.ok
                ? t('look.contrastOk', { ratio: contrastRatioText(check.ratio) })
                : t('look.contrastLow', { ratio: contrastRatioText(check.ratio) })
              : t('look.contrastRule')}
          </p>
        </div>
        <div className="admin-form-actions">
          <button type="submit" className="button button-primary">
            {t('look.save')}
          </button>
        </div>
        <p role="status" className={status?.kind === 'error' ? 'look-error' : 'look-ok'}>
          {status?.text}
        </p>
      </form>

      <h3>{t('logo.heading')}</h3>
      {look.logoUrl ? (
        <p className="look-logo-preview">
          <img src={look.logoUrl} alt={t('logo.current', { name: look.name })} />
          <button type="button" className="button button-secondary" onClick={() => void removeLogo()}>
            {t('logo.remove')}
          </button>
        </p>
      ) : (
        <p>{t('logo.none')}</p>
      )}
      <div className="admin-field">
        <label htmlFor={ids.logo}>{t('logo.choose')}</label>
        <input
          id={ids.logo}
          type="file"
          accept={LOGO_TYPES.join(',')}
          onChange={(e) => void chooseLogo(e.target.files?.[0])}
        />
      </div>
      <p role="status" className={logoStatus?.kind === 'error' ? 'look-error' : 'look-ok'}>
        {logoStatus?.text}
      </p>
    </section>
  );
}

interface LinkDraft {
  label: string;
  url: string;
  description: string;
  groups: string;
}

const EMPTY_DRAFT: LinkDraft = { label: '', url: '', description: '', groups: '' };

function draftOf(link: AdminAppLink): LinkDraft {
  return { label: link.label, url: link.url, description: link.description, groups: link.allowedGroups.join(', ') };
}

function LinkForm({
  initial,
  title,
  onSave,
  onCancel,
}: {
  initial: LinkDraft;
  title: string;
  onSave: (draft: LinkDraft) => Promise<string | null>;
  onCancel: () => void;
}) {
  const { t } = useTranslation('look');
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const field = (key: keyof LinkDraft, label: string, type = 'text', hint?: string) => (
    <div className="admin-field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type={type}
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
        {...(hint ? { 'aria-describedby': `${id}-${key}-hint` } : {})}
      />
      {hint && (
        <p id={`${id}-${key}-hint`} className="look-hint">
          {hint}
        </p>
      )}
    </div>
  );
  return (
    <form
      className="admin-panel admin-form"
      aria-label={title}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSave(draft).then(setError);
      }}
    >
      <h3>{title}</h3>
      {field('label', t('links.form.label'))}
      {field('url', t('links.form.url'), 'url')}
      {field('description', t('links.form.description'))}
      {field('groups', t('links.form.groups'), 'text', t('links.form.groupsHint'))}
      {error && (
        <p role="alert" className="look-error">
          {error}
        </p>
      )}
      <div className="admin-form-actions">
        <button type="submit" className="button button-primary">
          {t('links.form.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('links.form.cancel')}
        </button>
      </div>
    </form>
  );
}

function inputOf(draft: LinkDraft) {
  return {
    label: draft.label,
    url: draft.url.trim(),
    description: draft.description,
    allowedGroups: draft.groups
      .split(',')
      .map((group) => group.trim())
      .filter(Boolean),
  };
}

function LauncherLinks() {
  const { t } = useTranslation('look');
  const queryClient = useQueryClient();
  const links = useQuery(adminAppLinksQuery);
  const [editing, setEditing] = useState<{ mode: 'create' } | { mode: 'edit'; link: AdminAppLink } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // Where the keyboard focus goes once the list re-renders (the moved link's button, the heading).
  const focusAfter = useRef<string | null>(null);
  const setFocusAfter = (id: string) => {
    focusAfter.current = id;
  };
  useEffect(() => {
    if (!focusAfter.current) return;
    document.getElementById(focusAfter.current)?.focus();
    focusAfter.current = null;
  }, [links.data]);

  const refresh = async (list?: AdminAppLink[]) => {
    if (list) queryClient.setQueryData(adminAppLinksQuery.queryKey, list);
    else await queryClient.invalidateQueries({ queryKey: adminAppLinksQuery.queryKey });
    // The launcher widget shows them at once.
    await queryClient.invalidateQueries({ queryKey: queryKeys.appLinks });
  };

  const save = async (draft: LinkDraft): Promise<string | null> => {
    try {
      const saved =
        editing?.mode === 'edit'
          ? await updateAppLink(editing.link.id, inputOf(draft))
          : await createAppLink(inputOf(draft));
      await refresh();
      setAnnouncement(t('links.saved', { label: saved.label }));
      setEditing(null);
      return null;
    } catch (error) {
      return errorMessage(error);
    }
  };

  const move = async (index: number, delta: -1 | 1) => {
    const list = links.data;
    if (!list) return;
    const target = index + delta;
    const moving = list[index];
    if (!moving || target < 0 || target >= list.length) return;
    const ids = list.map((link) => link.id);
    ids.splice(index, 1);
    ids.splice(target, 0, moving.id);
    try {
      await refresh(await orderAppLinks(ids));
      setAnnouncement(t('links.moved', { label: moving.label, position: target + 1, total: list.length }));
      setFocusAfter(`${delta < 0 ? 'up' : 'down'}-${moving.id}`);
    } catch (error) {
      setAnnouncement(errorMessage(error));
      await refresh();
    }
  };

  const remove = async (link: AdminAppLink) => {
    try {
      await deleteAppLink(link.id);
      await refresh();
      setConfirming(null);
      setAnnouncement(t('links.removed', { label: link.label }));
      setFocusAfter('launcher-heading');
    } catch (error) {
      setAnnouncement(errorMessage(error));
    }
  };

  const list = links.data;
  return (
    <section className="admin-list-section" aria-labelledby="launcher-heading">
      <h2 id="launcher-heading" tabIndex={-1}>
        {list ? t('links.headingCount', { number: list.length }) : t('links.heading')}
      </h2>
      <p className="admin-intro">{t('links.intro')}</p>
      <p role="status" className="admin-announcement">
        {announcement}
      </p>
      {editing ? (
        <LinkForm
          key={editing.mode === 'edit' ? editing.link.id : 'new'}
          title={editing.mode === 'edit' ? t('links.editLabel', { label: editing.link.label }) : t('links.add')}
          initial={editing.mode === 'edit' ? draftOf(editing.link) : EMPTY_DRAFT}
          onSave={save}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <p>
          <button type="button" className="button button-primary" onClick={() => setEditing({ mode: 'create' })}>
            {t('links.add')}
          </button>
        </p>
      )}
      {links.isPending && <p role="status">{t('links.loading')}</p>}
      {links.isError && (
        <ErrorPanel title={t('links.loadFailed')} error={links.error} onRetry={() => void links.refetch()} />
      )}
      {list?.length === 0 && <p className="admin-empty">{t('links.empty')}</p>}
      {list && list.length > 0 && (
        <ol className="admin-card-list look-link-list">
          {list.map((link, index) => (
            <li key={link.id} className="admin-card look-link">
              <p className="admin-card-title">
                <AppIcon name={linkIconOf(link)} className="app-link-glyph" /> {link.label}
              </p>
              <p className="admin-url">{link.url}</p>
              <p className="look-hint">
                {link.allowedGroups.length === 0
                  ? t('links.forEveryone')
                  : t('links.forGroups', { groups: link.allowedGroups.join(', ') })}
              </p>
              <div className="admin-card-actions">
                <button
                  id={`up-${link.id}`}
                  type="button"
                  className="button button-secondary"
                  aria-label={t('links.upLabel', { label: link.label })}
                  disabled={index === 0}
                  onClick={() => void move(index, -1)}
                >
                  {t('links.up')}
                </button>
                <button
                  id={`down-${link.id}`}
                  type="button"
                  className="button button-secondary"
                  aria-label={t('links.downLabel', { label: link.label })}
                  disabled={index === list.length - 1}
                  onClick={() => void move(index, 1)}
                >
                  {t('links.down')}
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={t('links.editLabel', { label: link.label })}
                  onClick={() => setEditing({ mode: 'edit', link })}
                >
                  {t('links.edit')}
                </button>
                {confirming === link.id ? (
                  <>
                    <button type="button" className="button button-danger" onClick={() => void remove(link)}>
                      {t('links.confirmRemove', { label: link.label })}
                    </button>
                    <button type="button" className="button button-secondary" onClick={() => setConfirming(null)}>
                      {t('links.keep')}
                    </button>
                  </>
                ) : (
                  <button
                    type="button"
                    className="button button-secondary"
                    aria-label={t('links.removeLabel', { label: link.label })}
                    onClick={() => setConfirming(link.id)}
                  >
                    {t('links.remove')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The operator's read-only view of every collectivité of the installation. */
function Installation() {
  const { t } = useTranslation('look');
  const view = useQuery(installationQuery);
  return (
    <section className="admin-list-section" aria-labelledby="installation-heading">
      <h2 id="installation-heading">{t('installation.heading')}</h2>
      {view.isPending && <p role="status">{t('installation.loading')}</p>}
      {view.isError && (
        <ErrorPanel title={t('installation.loadFailed')} error={view.error} onRetry={() => void view.refetch()} />
      )}
      {view.data && (
        <ul className="admin-card-list">
          {view.data.collectivites.map((collectivite) => (
            <li key={collectivite.id} className="admin-card">
              <h3 className="admin-card-title">{collectivite.name}</h3>
              <dl className="admin-card-facts">
                <dt>{t('installation.providers')}</dt>
                <dd>
                  {view.data.providers
                    .filter((provider) => collectivite.providerIds.includes(provider.id))
                    .map((provider) => provider.name)
                    .join(', ') || t('installation.noProvider')}
                </dd>
                <dt>{t('installation.connectors')}</dt>
                <dd>
                  {collectivite.connectors.map((connector) => connector.label).join(', ') ||
                    t('installation.noConnector')}
                </dd>
                <dt>{t('installation.links')}</dt>
                <dd>{collectivite.appLinks.map((link) => link.label).join(', ') || t('installation.noLink')}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
