import { z } from 'zod';
import type { ErrorDetail } from './errors.js';
import { collides, sizeBounds } from './grid.js';
import {
  MAX_PRIORITY,
  MIN_PRIORITY,
  SHARED_BOARD_KINDS,
  audienceSchema,
  prioritySchema,
  type SharedBoardKind,
} from './shared-boards.js';
import {
  BREAKPOINT_NAMES,
  BREAKPOINTS,
  MAX_BOARD_BYTES,
  MAX_ROW,
  MAX_WIDGETS_PER_BOARD,
  WIDGET_CONTRACTS,
  WIDGET_KINDS,
  WIDGET_TITLES,
  isWidgetKind,
  type Breakpoint,
  type GridItem,
  type WidgetKind,
  type WidgetLayout,
} from './widgets.js';
import { utf8ByteLength } from './board.js';
import { boardNameSchema } from './personal-boards.js';

/**
 * A template or published board as a JSON document (« boards as code »): exported by the
 * administration, imported back, kept under version control. Validated with the same contracts
 * as the API, and every problem is reported on its own, in French, with where it is.
 */

export const BOARD_DOCUMENT_FORMAT = 'pleiade.board';
export const BOARD_DOCUMENT_VERSION = 1;

/** A widget of a document: its id is optional (an import gives every widget a new one). */
export interface BoardDocumentWidget {
  id?: string;
  kind: string;
  options: unknown;
  layout: unknown;
  locked: boolean;
  audience: string[];
}

export interface BoardDocument {
  format: typeof BOARD_DOCUMENT_FORMAT;
  formatVersion: typeof BOARD_DOCUMENT_VERSION;
  kind: SharedBoardKind;
  name: string;
  audience: string[];
  priority: number;
  widgets: BoardDocumentWidget[];
}

/** A widget of an imported board, checked against its kind's contract; the import gives it an id. */
export interface ImportedWidget {
  kind: WidgetKind;
  options: unknown;
  layout: WidgetLayout;
  locked: boolean;
  audience: string[];
}

/** An imported board, every widget checked against its kind's contract. */
export interface ImportedBoard {
  kind: SharedBoardKind;
  name: string;
  audience: string[];
  priority: number;
  widgets: ImportedWidget[];
}

const BREAKPOINT_LABELS: Record<Breakpoint, string> = {
  lg: 'sur grand écran (lg)',
  md: 'sur écran moyen (md)',
  sm: 'sur tablette (sm)',
  xs: 'sur téléphone (xs)',
};

/** The document of a stored board; widgets as stored (one to reconfigure too: its stored kind and options). */
export function toBoardDocument(board: {
  kind: SharedBoardKind;
  name: string;
  audience: readonly string[];
  priority: number;
  widgets: readonly {
    id: string;
    kind: string;
    options: unknown;
    layout: unknown;
    locked: boolean;
    audience: readonly string[];
  }[];
}): BoardDocument {
  return {
    format: BOARD_DOCUMENT_FORMAT,
    formatVersion: BOARD_DOCUMENT_VERSION,
    kind: board.kind,
    name: board.name,
    audience: [...board.audience],
    priority: board.priority,
    widgets: board.widgets.map((widget) => ({
      id: widget.id,
      kind: widget.kind,
      options: widget.options,
      layout: widget.layout,
      locked: widget.locked,
      audience: [...widget.audience],
    })),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** zod's issues, with zod's own French wording for what the contracts do not word themselves. */
const frenchErrors = z.locales.fr().localeError;

function zodProblems(schema: z.ZodType, value: unknown, path: string): { data?: unknown; problems: ErrorDetail[] } {
  const parsed = schema.safeParse(value, { error: frenchErrors });
  if (parsed.success) return { data: parsed.data, problems: [] };
  return {
    problems: parsed.error.issues.map((issue) => ({
      path: [path, ...issue.path.map(String)].filter(Boolean).join('.'),
      message: issue.message,
    })),
  };
}

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** The positions of one widget, every problem of its geometry worded for people. */
function checkLayout(
  layout: unknown,
  kind: (typeof WIDGET_KINDS)[number],
  where: string,
  path: string,
  problems: ErrorDetail[],
): WidgetLayout | null {
  if (!isRecord(layout)) {
    problems.push({ path, message: `${where} : sa position (« layout ») manque ou n’est pas un objet.` });
    return null;
  }
  const result: Partial<WidgetLayout> = {};
  let valid = true;
  for (const key of Object.keys(layout)) {
    if (!(BREAKPOINT_NAMES as string[]).includes(key)) {
      problems.push({
        path: `${path}.${key}`,
        message: `${where} : « ${key} » n’est pas une taille d’écran (lg, md, sm ou xs).`,
      });
      valid = false;
    }
  }
  if (layout.lg === undefined) {
    problems.push({ path: `${path}.lg`, message: `${where} : sa position sur grand écran (lg) manque.` });
    valid = false;
  }
  for (const breakpoint of BREAKPOINT_NAMES) {
    const item = layout[breakpoint];
    if (item === undefined) continue;
    const at = `${path}.${breakpoint}`;
    const label = `${where} ${BREAKPOINT_LABELS[breakpoint]}`;
    if (!isRecord(item)) {
      problems.push({ path: at, message: `${label} : la position est un objet { x, y, w, h }.` });
      valid = false;
      continue;
    }
    const unknown = Object.keys(item).filter((key) => !['x', 'y', 'w', 'h'].includes(key));
    for (const key of unknown) {
      problems.push({ path: `${at}.${key}`, message: `${label} : « ${key} » n’est pas x, y, w ni h.` });
      valid = false;
    }
    const { x, y, w, h } = item;
    const names = { x: 'la colonne (x)', y: 'la ligne (y)', w: 'la largeur (w)', h: 'la hauteur (h)' } as const;
    let whole = true;
    for (const [key, value] of Object.entries({ x, y, w, h })) {
      const minimum = key === 'w' || key === 'h' ? 1 : 0;
      if (!isInteger(value) || value < minimum) {
        problems.push({
          path: `${at}.${key}`,
          message: `${label} : ${names[key as keyof typeof names]} doit être un nombre entier ${minimum === 0 ? 'positif ou nul' : 'supérieur ou égal à 1'}.`,
        });
        whole = false;
      }
    }
    if (!whole || !isInteger(x) || !isInteger(y) || !isInteger(w) || !isInteger(h)) {
      valid = false;
      continue;
    }
    const cols = BREAKPOINTS[breakpoint].cols;
    const bounds = sizeBounds(kind, breakpoint);
    if (x + w > cols) {
      problems.push({
        path: `${at}.x`,
        message: `${label} : il dépasse la grille de ${cols} colonnes (colonne ${x + 1}, largeur ${w}).`,
      });
      valid = false;
    }
    if (w < bounds.minW || w > bounds.maxW) {
      problems.push({
        path: `${at}.w`,
        message: `${label} : largeur ${w} hors limites pour ce type (de ${bounds.minW} à ${bounds.maxW}).`,
      });
      valid = false;
    }
    if (h < bounds.minH || h > bounds.maxH) {
      problems.push({
        path: `${at}.h`,
        message: `${label} : hauteur ${h} hors limites pour ce type (de ${bounds.minH} à ${bounds.maxH}).`,
      });
      valid = false;
    }
    if (y > MAX_ROW) {
      problems.push({ path: `${at}.y`, message: `${label} : ligne ${y + 1} trop basse (au plus ${MAX_ROW + 1}).` });
      valid = false;
    }
    if (unknown.length === 0) result[breakpoint] = { x, y, w, h };
  }
  return valid && result.lg ? (result as WidgetLayout) : null;
}

/**
 * Reads a board document. Every problem is reported, each once, in French with its path (`widgets.2.layout.lg.w`);
 * nothing is imported unless there is none.
 */
export function parseBoardDocument(
  input: unknown,
): { ok: true; board: ImportedBoard } | { ok: false; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  if (!isRecord(input)) {
    return {
      ok: false,
      problems: [{ path: '', message: 'Ce fichier n’est pas un tableau Pléiade : un objet JSON est attendu.' }],
    };
  }
  const allowed = ['format', 'formatVersion', 'kind', 'name', 'audience', 'priority', 'widgets'];
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key))
      problems.push({ path: key, message: `« ${key} » n’est pas une propriété d’un tableau Pléiade.` });
  }
  if (input.format !== BOARD_DOCUMENT_FORMAT) {
    problems.push({
      path: 'format',
      message: `Ce fichier n’est pas un tableau Pléiade : « format » doit valoir « ${BOARD_DOCUMENT_FORMAT} ».`,
    });
  }
  if (input.formatVersion !== BOARD_DOCUMENT_VERSION) {
    problems.push({
      path: 'formatVersion',
      message: `Version de format non prise en charge : cette version de Pléiade lit la version ${BOARD_DOCUMENT_VERSION}.`,
    });
  }
  const kind = (SHARED_BOARD_KINDS as readonly unknown[]).includes(input.kind) ? (input.kind as SharedBoardKind) : null;
  if (!kind) {
    problems.push({
      path: 'kind',
      message: '« kind » vaut « template » (un modèle) ou « published » (un tableau publié).',
    });
  }
  const name = zodProblems(boardNameSchema, input.name, 'name');
  problems.push(...name.problems);
  const audience = zodProblems(audienceSchema, input.audience ?? [], 'audience');
  problems.push(...audience.problems);
  const priority =
    input.priority === undefined
      ? { data: MIN_PRIORITY, problems: [] }
      : zodProblems(prioritySchema, input.priority, 'priority');
  if (priority.problems.length > 0) {
    problems.push({
      path: 'priority',
      message: `La priorité est un nombre entier de ${MIN_PRIORITY} à ${MAX_PRIORITY}.`,
    });
  }

  const widgets: ImportedWidget[] = [];
  if (!Array.isArray(input.widgets)) {
    problems.push({ path: 'widgets', message: '« widgets » est la liste des widgets du tableau.' });
  } else {
    if (input.widgets.length > MAX_WIDGETS_PER_BOARD) {
      problems.push({
        path: 'widgets',
        message: `Au plus ${MAX_WIDGETS_PER_BOARD} widgets par tableau (${input.widgets.length} ici).`,
      });
    }
    const ids = new Map<string, number>();
    const perKind = new Map<string, number>();
    const placed: { index: number; layout: WidgetLayout }[] = [];
    input.widgets.forEach((raw: unknown, index: number) => {
      const path = `widgets.${index}`;
      const where = `Widget n° ${index + 1}`;
      if (!isRecord(raw)) {
        problems.push({ path, message: `${where} : un widget est un objet { kind, options, layout }.` });
        return;
      }
      for (const key of Object.keys(raw)) {
        if (!['id', 'kind', 'options', 'layout', 'locked', 'audience'].includes(key)) {
          problems.push({
            path: `${path}.${key}`,
            message: `${where} : « ${key} » n’est pas une propriété d’un widget.`,
          });
        }
      }
      if (raw.id !== undefined) {
        const id = z.uuid().safeParse(raw.id);
        if (!id.success)
          problems.push({ path: `${path}.id`, message: `${where} : son identifiant n’est pas un UUID.` });
        else if (ids.has(id.data)) {
          problems.push({
            path: `${path}.id`,
            message: `${where} : même identifiant que le widget n° ${(ids.get(id.data) ?? 0) + 1}.`,
          });
        } else ids.set(id.data, index);
      }
      const rawKind = raw.kind;
      if (typeof rawKind !== 'string' || !isWidgetKind(rawKind)) {
        problems.push({
          path: `${path}.kind`,
          message:
            typeof rawKind === 'string'
              ? `${where} : le type « ${rawKind} » n’existe pas dans cette version de Pléiade (types connus : ${WIDGET_KINDS.join(', ')}).`
              : `${where} : son type (« kind ») manque.`,
        });
        return;
      }
      const label = `${where} (${WIDGET_TITLES[rawKind]})`;
      const count = (perKind.get(rawKind) ?? 0) + 1;
      perKind.set(rawKind, count);
      const { maxPerBoard } = WIDGET_CONTRACTS[rawKind];
      if (count === maxPerBoard + 1) {
        problems.push({
          path: `${path}.kind`,
          message: `${label} : au plus ${maxPerBoard} widget(s) de ce type par tableau.`,
        });
      }
      const options = zodProblems(WIDGET_CONTRACTS[rawKind].options, raw.options ?? {}, `${path}.options`);
      for (const problem of options.problems)
        problems.push({ ...problem, message: `${label}, réglages : ${problem.message}` });
      const layout = checkLayout(raw.layout, rawKind, label, `${path}.layout`, problems);
      if (raw.locked !== undefined && typeof raw.locked !== 'boolean') {
        problems.push({ path: `${path}.locked`, message: `${label} : « locked » vaut true ou false.` });
      }
      const widgetAudience = zodProblems(audienceSchema, raw.audience ?? [], `${path}.audience`);
      for (const problem of widgetAudience.problems)
        problems.push({ ...problem, message: `${label}, public : ${problem.message}` });
      if (layout) {
        for (const other of placed) {
          const breakpoint = BREAKPOINT_NAMES.find((name) => {
            const a: GridItem | undefined = layout[name];
            const b: GridItem | undefined = other.layout[name];
            return a !== undefined && b !== undefined && collides(a, b);
          });
          if (breakpoint) {
            problems.push({
              path: `${path}.layout.${breakpoint}`,
              message: `${label} ${BREAKPOINT_LABELS[breakpoint]} : il chevauche le widget n° ${other.index + 1}.`,
            });
          }
        }
        placed.push({ index, layout });
      }
      if (layout && options.problems.length === 0 && widgetAudience.problems.length === 0) {
        widgets.push({
          kind: rawKind,
          options: options.data,
          layout,
          locked: raw.locked === true,
          audience: widgetAudience.data as string[],
        });
      }
    });
    const bytes = utf8ByteLength(JSON.stringify(input.widgets));
    if (bytes > MAX_BOARD_BYTES) {
      problems.push({
        path: 'widgets',
        message: `Les widgets sont trop volumineux (${bytes} octets, au plus ${MAX_BOARD_BYTES}).`,
      });
    }
  }
  if (problems.length > 0 || !kind) return { ok: false, problems };
  return {
    ok: true,
    board: {
      kind,
      name: name.data as string,
      audience: audience.data as string[],
      priority: priority.data as number,
      widgets,
    },
  };
}
