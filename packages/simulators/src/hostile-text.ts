// Hostile upstream text for the tests of what renders it (BFF, SPA): every text a widget shows
// carries a payload, and links carry a script URL, so a test can prove none of it runs.
import type { DematDemoData } from './demat-data.js';
import type { SimUser } from './demo-data.js';

/** Classic payloads: markup, attribute breaking, script URL, template syntax. */
export const HOSTILE_PAYLOADS: readonly string[] = [
  '<script>alert("xss")</script>',
  '<img src=x onerror="alert(1)">',
  '"><svg onload=alert(2)>',
  "javascript:alert('xss')",
  '{{constructor.constructor("alert(3)")()}}',
  '<a href="javascript:alert(4)">cliquez</a>',
];

export interface HostileTextOptions {
  /** Payloads put into the text fields, in turn; default HOSTILE_PAYLOADS. */
  payloads?: readonly string[];
  /** Replaces every link of notifications, their actions and dashboard items; default a javascript: URL. */
  link?: string;
  /** 'append' (default) keeps the original text before the payload, 'replace' leaves the payload alone. */
  mode?: 'append' | 'replace';
}

function isPayloadList(value: readonly string[] | HostileTextOptions): value is readonly string[] {
  return Array.isArray(value);
}

/** Payloads in turn, and the text tainted with the next one ('append' or 'replace'). */
function taintWith(payloadsOrOptions: readonly string[] | HostileTextOptions) {
  const options: HostileTextOptions = isPayloadList(payloadsOrOptions)
    ? { payloads: payloadsOrOptions }
    : payloadsOrOptions;
  const payloads = options.payloads ?? HOSTILE_PAYLOADS;
  if (payloads.length === 0) throw new Error('withHostileText: at least one payload is needed');
  let turn = 0;
  const next = () => payloads[turn++ % payloads.length] ?? '';
  const taint = (text: string, payload = next()) => (options.mode === 'replace' ? payload : `${text} ${payload}`);
  return { options, next, taint };
}

/**
 * A copy of the dematerialisation data where each text a widget shows carries a payload:
 * i-Parapheur tenant, desk and folder names; S2low act subjects and numbers; i-delibRE sitting
 * names and places, people's names; Pastell entity names, flow names and document titles.
 * Identifiers, dates and states keep their format (the applications would refuse others).
 */
export function withHostileDematText(
  data: DematDemoData,
  payloadsOrOptions: readonly string[] | HostileTextOptions = {},
): DematDemoData {
  const { taint } = taintWith(payloadsOrOptions);
  return {
    iparapheur: {
      ...data.iparapheur,
      tenants: data.iparapheur.tenants.map((t) => ({ ...t, name: taint(t.name) })),
      desks: data.iparapheur.desks.map((d) => ({ ...d, name: taint(d.name), shortName: taint(d.shortName) })),
      folders: data.iparapheur.folders.map((f) => ({ ...f, name: taint(f.name) })),
    },
    s2low: {
      ...data.s2low,
      transactions: data.s2low.transactions.map((t) => ({ ...t, subject: taint(t.subject), number: taint(t.number) })),
    },
    idelibre: {
      ...data.idelibre,
      structures: data.idelibre.structures.map((s) => ({ ...s, name: taint(s.name) })),
      users: data.idelibre.users.map((u) => ({ ...u, firstName: taint(u.firstName), lastName: taint(u.lastName) })),
      sittings: data.idelibre.sittings.map((s) => ({ ...s, name: taint(s.name), place: taint(s.place) })),
    },
    pastell: {
      ...data.pastell,
      entities: data.pastell.entities.map((e) => ({ ...e, denomination: taint(e.denomination) })),
      flux: Object.fromEntries(Object.entries(data.pastell.flux).map(([id, f]) => [id, { ...f, nom: taint(f.nom) }])),
      documents: data.pastell.documents.map((d) => ({ ...d, titre: taint(d.titre) })),
    },
  };
}

/**
 * A copy of `users` where each text shown by a widget holds a payload: mail subject, sender name
 * and fragment, appointment title, location and description, Nextcloud notification subject,
 * message and link (and its actions' labels and links), dashboard item title, subtitle and link,
 * file names, Matrix room names and last messages. File names get the payload without `/`, which
 * a Nextcloud file name cannot contain.
 *
 *   startSimulators({ users: withHostileText(DEMO_USERS) })
 *   startSimulators({ users: withHostileText(DEMO_USERS, ['<b>gras</b>']) })
 *   startSimulators({ users: withHostileText(DEMO_USERS, { link: 'data:text/html,<script>…', mode: 'replace' }) })
 */
export function withHostileText(
  users: readonly SimUser[],
  payloadsOrOptions: readonly string[] | HostileTextOptions = {},
): SimUser[] {
  const { options, next, taint } = taintWith(payloadsOrOptions);
  const link = options.link ?? "javascript:alert('xss-link')";
  const taintFileName = (path: string) => {
    const slash = path.lastIndexOf('/');
    const payload = next().replaceAll('/', '');
    const name = path.slice(slash + 1);
    const dot = name.lastIndexOf('.');
    // The payload goes before the extension, so the file keeps its type.
    const tainted = dot > 0 ? `${taint(name.slice(0, dot), payload)}${name.slice(dot)}` : taint(name, payload);
    return `${path.slice(0, slash + 1)}${tainted}`;
  };

  return users.map((u) => ({
    ...u,
    nextcloud: {
      ...u.nextcloud,
      notifications: u.nextcloud.notifications.map((n) => ({
        ...n,
        subject: taint(n.subject),
        message: taint(n.message),
        linkPath: link,
        actions: n.actions.map((a) => ({ ...a, label: taint(a.label), linkPath: link })),
      })),
      widgetItems: Object.fromEntries(
        Object.entries(u.nextcloud.widgetItems).map(([id, items]) => [
          id,
          items.map((i) => ({ ...i, title: taint(i.title), subtitle: taint(i.subtitle), linkPath: link })),
        ]),
      ),
      files: u.nextcloud.files.map((f) => ({ ...f, path: taintFileName(f.path) })),
    },
    zimbra: {
      messages: u.zimbra.messages.map((m) => ({
        ...m,
        fromName: taint(m.fromName),
        subject: taint(m.subject),
        fragment: taint(m.fragment),
      })),
      appointments: u.zimbra.appointments.map((a) => ({
        ...a,
        name: taint(a.name),
        location: taint(a.location),
        description: taint(a.description ?? ''),
      })),
    },
    matrix: {
      ...u.matrix,
      rooms: u.matrix.rooms.map((r) => ({
        ...r,
        name: taint(r.name),
        lastMessage: { ...r.lastMessage, body: taint(r.lastMessage.body) },
      })),
    },
  }));
}
