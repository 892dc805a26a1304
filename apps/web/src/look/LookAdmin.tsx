import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  LOGO_TYPES,
  MAX_LOGO_BYTES,
  can,
  checkPrimaryColour,
  formatContrastRatio,
  type AdminAppLink,
  type CollectiviteLook,
  type Me,
} from '@pleiade/contracts';
import { errorMessage as baseMessage, isApiError } from '../api/errors';
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

/** « Apparence et lanceur »: the collectivité's name, logo and colour, its launcher links; the operator's view. */
export function LookAdmin({ me }: { me: Me }) {
  const subject = subjectOf(me);
  const resource = { collectiviteId: me.collectivite.id };
  if (!can(subject, 'collectivite.administerLook', resource)) {
    return (
      <>
        <h1>Administration</h1>
        <div className="notice" role="alert">
          <p className="notice-title">Accès réservé</p>
          <p>Réservé aux administrateurs de la collectivité.</p>
        </div>
      </>
    );
  }
  return (
    <>
      <h1>Administration — Apparence et lanceur</h1>
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
    reader.onerror = () => reject(new Error('Fichier illisible.'));
    reader.readAsDataURL(file);
  });
}

function LookForm() {
  const look = useQuery(lookQuery);
  if (look.isPending) return <p role="status">Chargement de l’apparence…</p>;
  if (look.isError) {
    return (
      <ErrorPanel title="L’apparence n’a pas pu être chargée." error={look.error} onRetry={() => void look.refetch()} />
    );
  }
  return <LookFields look={look.data} />;
}

function LookFields({ look }: { look: CollectiviteLook }) {
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
      setStatus({
        kind: 'ok',
        text: 'Apparence enregistrée : elle s’applique dès maintenant pour toute la collectivité.',
      });
    } catch (error) {
      setStatus({ kind: 'error', text: errorMessage(error) });
    }
  };

  const chooseLogo = async (file: File | undefined) => {
    setLogoStatus(null);
    if (!file) return;
    if (!(LOGO_TYPES as readonly string[]).includes(file.type)) {
      setLogoStatus({ kind: 'error', text: 'Le logo doit être une image PNG, JPEG ou WebP.' });
      return;
    }
    if (file.size > MAX_LOGO_BYTES) {
      setLogoStatus({ kind: 'error', text: 'Le logo dépasse 256 Ko : choisissez une image plus légère.' });
      return;
    }
    try {
      const saved = await uploadLogo({
        contentType: file.type as (typeof LOGO_TYPES)[number],
        data: await readAsBase64(file),
      });
      queryClient.setQueryData(lookQuery.queryKey, saved);
      setLogoStatus({ kind: 'ok', text: 'Logo enregistré.' });
    } catch (error) {
      setLogoStatus({ kind: 'error', text: errorMessage(error) });
    }
  };

  const removeLogo = async () => {
    try {
      await deleteLogo();
      await queryClient.invalidateQueries({ queryKey: lookQuery.queryKey });
      setLogoStatus({ kind: 'ok', text: 'Logo retiré.' });
    } catch (error) {
      setLogoStatus({ kind: 'error', text: errorMessage(error) });
    }
  };

  return (
    <section className="admin-panel" aria-labelledby="look-heading">
      <h2 id="look-heading">Apparence de la collectivité</h2>
      <form className="admin-form" onSubmit={(event) => void save(event)} noValidate>
        <div className="admin-field">
          <label htmlFor={ids.name}>Nom affiché</label>
          <input id={ids.name} type="text" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="admin-field">
          <label htmlFor={ids.colour}>Couleur principale (format #RRVVBB, vide : couleur de Pléiade)</label>
          <div className="look-colour-row">
            <input
              id={ids.picker}
              type="color"
              aria-label="Choisir la couleur dans une palette"
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
                ? `Contraste ${formatContrastRatio(check.ratio)} : suffisant (au moins 4,5:1).`
                : `Contraste ${formatContrastRatio(check.ratio)} : insuffisant, il faut au moins 4,5:1.`
              : 'Le contraste avec le texte blanc et le fond des pages doit atteindre 4,5:1.'}
          </p>
        </div>
        <div className="admin-form-actions">
          <button type="submit" className="button button-primary">
            Enregistrer l’apparence
          </button>
        </div>
        <p role="status" className={status?.kind === 'error' ? 'look-error' : 'look-ok'}>
          {status?.text}
        </p>
      </form>

      <h3>Logo</h3>
      {look.logoUrl ? (
        <p className="look-logo-preview">
          <img src={look.logoUrl} alt={`Logo actuel de ${look.name}`} />
          <button type="button" className="button button-secondary" onClick={() => void removeLogo()}>
            Retirer le logo
          </button>
        </p>
      ) : (
        <p>Aucun logo : Pléiade affiche son étoile.</p>
      )}
      <div className="admin-field">
        <label htmlFor={ids.logo}>Choisir un logo (PNG, JPEG ou WebP, 256 Ko au plus)</label>
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
      {field('label', 'Nom du lien')}
      {field('url', 'Adresse (http:// ou https://)', 'url')}
      {field('description', 'Description (facultative)')}
      {field(
        'groups',
        'Groupes autorisés',
        'text',
        'Séparés par des virgules ; vide : tous les membres de la collectivité.',
      )}
      {error && (
        <p role="alert" className="look-error">
          {error}
        </p>
      )}
      <div className="admin-form-actions">
        <button type="submit" className="button button-primary">
          Enregistrer le lien
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Annuler
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
      setAnnouncement(`Lien « ${saved.label} » enregistré.`);
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
      setAnnouncement(`« ${moving.label} » est maintenant en position ${target + 1} sur ${list.length}.`);
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
      setAnnouncement(`Lien « ${link.label} » retiré du lanceur.`);
      setFocusAfter('launcher-heading');
    } catch (error) {
      setAnnouncement(errorMessage(error));
    }
  };

  const list = links.data;
  return (
    <section className="admin-list-section" aria-labelledby="launcher-heading">
      <h2 id="launcher-heading" tabIndex={-1}>
        Lanceur d’applications{list ? ` (${list.length})` : ''}
      </h2>
      <p className="admin-intro">
        Les liens du widget « Applications », dans cet ordre, pour les groupes choisis. « Monter » et « Descendre » les
        réordonnent au clavier comme à la souris.
      </p>
      <p role="status" className="admin-announcement">
        {announcement}
      </p>
      {editing ? (
        <LinkForm
          key={editing.mode === 'edit' ? editing.link.id : 'new'}
          title={editing.mode === 'edit' ? `Modifier « ${editing.link.label} »` : 'Ajouter un lien'}
          initial={editing.mode === 'edit' ? draftOf(editing.link) : EMPTY_DRAFT}
          onSave={save}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <p>
          <button type="button" className="button button-primary" onClick={() => setEditing({ mode: 'create' })}>
            Ajouter un lien
          </button>
        </p>
      )}
      {links.isPending && <p role="status">Chargement des liens…</p>}
      {links.isError && (
        <ErrorPanel
          title="Les liens n’ont pas pu être chargés."
          error={links.error}
          onRetry={() => void links.refetch()}
        />
      )}
      {list?.length === 0 && <p className="admin-empty">Aucun lien : le widget « Applications » est vide.</p>}
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
                  ? 'Pour tous les membres de la collectivité'
                  : `Pour les groupes : ${link.allowedGroups.join(', ')}`}
              </p>
              <div className="admin-card-actions">
                <button
                  id={`up-${link.id}`}
                  type="button"
                  className="button button-secondary"
                  aria-label={`Monter « ${link.label} »`}
                  disabled={index === 0}
                  onClick={() => void move(index, -1)}
                >
                  Monter
                </button>
                <button
                  id={`down-${link.id}`}
                  type="button"
                  className="button button-secondary"
                  aria-label={`Descendre « ${link.label} »`}
                  disabled={index === list.length - 1}
                  onClick={() => void move(index, 1)}
                >
                  Descendre
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={`Modifier « ${link.label} »`}
                  onClick={() => setEditing({ mode: 'edit', link })}
                >
                  Modifier
                </button>
                {confirming === link.id ? (
                  <>
                    <button type="button" className="button button-danger" onClick={() => void remove(link)}>
                      Confirmer le retrait de « {link.label} »
                    </button>
                    <button type="button" className="button button-secondary" onClick={() => setConfirming(null)}>
                      Garder
                    </button>
                  </>
                ) : (
                  <button
                    type="button"
                    className="button button-secondary"
                    aria-label={`Retirer « ${link.label} »`}
                    onClick={() => setConfirming(link.id)}
                  >
                    Retirer
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
  const view = useQuery(installationQuery);
  return (
    <section className="admin-list-section" aria-labelledby="installation-heading">
      <h2 id="installation-heading">Toutes les collectivités de l’installation</h2>
      {view.isPending && <p role="status">Chargement…</p>}
      {view.isError && (
        <ErrorPanel
          title="La vue d’ensemble n’a pas pu être chargée."
          error={view.error}
          onRetry={() => void view.refetch()}
        />
      )}
      {view.data && (
        <ul className="admin-card-list">
          {view.data.collectivites.map((collectivite) => (
            <li key={collectivite.id} className="admin-card">
              <h3 className="admin-card-title">{collectivite.name}</h3>
              <dl className="admin-card-facts">
                <dt>Connexion par</dt>
                <dd>
                  {view.data.providers
                    .filter((provider) => collectivite.providerIds.includes(provider.id))
                    .map((provider) => provider.name)
                    .join(', ') || 'aucun fournisseur d’identité'}
                </dd>
                <dt>Applications connectées</dt>
                <dd>{collectivite.connectors.map((connector) => connector.label).join(', ') || 'aucune'}</dd>
                <dt>Liens du lanceur</dt>
                <dd>{collectivite.appLinks.map((link) => link.label).join(', ') || 'aucun'}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
