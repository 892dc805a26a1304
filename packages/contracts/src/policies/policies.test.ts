import { describe, expect, it } from 'vitest';
import {
  BOARD_KINDS,
  DENIALS,
  POLICY_ACTIONS,
  boardReadScope,
  can,
  decide,
  inBoardReadScope,
  isConcealed,
  type BoardResource,
  type Subject,
  type WidgetResource,
} from './index.js';

const A = 'collectivite-a';
const B = 'collectivite-b';

const people = {
  agent: { userId: 'agent', collectiviteId: A, role: 'agent', groups: ['agents', 'finances'] },
  colleague: { userId: 'colleague', collectiviteId: A, role: 'agent', groups: ['agents'] },
  elu: { userId: 'elu', collectiviteId: A, role: 'elu', groups: ['elus', 'commission-travaux'] },
  admin: { userId: 'admin', collectiviteId: A, role: 'admin', groups: ['admins'] },
  operator: { userId: 'operator', collectiviteId: A, role: 'operator', groups: [] },
  agentB: { userId: 'agent-b', collectiviteId: B, role: 'agent', groups: ['agents', 'finances'] },
  adminB: { userId: 'admin-b', collectiviteId: B, role: 'admin', groups: [] },
} as const satisfies Record<string, Subject>;
type Person = keyof typeof people;
const PEOPLE = Object.keys(people) as Person[];

const personal = (owner: Person): BoardResource => ({
  collectiviteId: people[owner].collectiviteId,
  kind: 'personal',
  ownerId: people[owner].userId,
  audience: [],
});
const shared = (kind: 'template' | 'published', audience: string[], collectiviteId = A): BoardResource => ({
  collectiviteId,
  kind,
  ownerId: null,
  audience,
});
const widget = (board: BoardResource, overrides: Partial<WidgetResource> = {}): WidgetResource => ({
  board,
  locked: false,
  audience: [],
  ...overrides,
});

/** Who gets what: `ok` allowed; a denial reason otherwise. */
function outcomes(check: (subject: Subject) => ReturnType<typeof decide>): Record<Person, string> {
  return Object.fromEntries(
    PEOPLE.map((person) => {
      const decision = check(people[person]);
      return [person, decision.allowed ? 'ok' : decision.reason];
    }),
  ) as Record<Person, string>;
}

describe('boards', () => {
  it('a personal board exists for its owner only; élus read theirs without changing it', () => {
    expect(outcomes((s) => decide(s, 'board.read', personal('agent')))).toEqual({
      agent: 'ok',
      colleague: 'not_owner',
      elu: 'not_owner',
      admin: 'not_owner',
      operator: 'not_owner',
      agentB: 'other_collectivite',
      adminB: 'other_collectivite',
    });
    expect(outcomes((s) => decide(s, 'board.edit', personal('agent')))).toMatchObject({
      agent: 'ok',
      admin: 'not_owner',
    });
    expect(decide(people.elu, 'board.read', personal('elu'))).toEqual({ allowed: true, reason: 'owner' });
    expect(decide(people.elu, 'board.edit', personal('elu'))).toEqual({ allowed: false, reason: 'read_only' });
    expect(decide(people.elu, 'board.delete', personal('elu'))).toEqual({ allowed: false, reason: 'read_only' });
  });

  it('a published board: its audience reads it, nobody in it changes it, administrators do both', () => {
    const council = shared('published', ['elus']);
    expect(outcomes((s) => decide(s, 'board.read', council))).toEqual({
      agent: 'not_in_audience',
      colleague: 'not_in_audience',
      elu: 'ok',
      admin: 'ok',
      operator: 'ok',
      agentB: 'other_collectivite',
      adminB: 'other_collectivite',
    });
    // Nobody saves it from the board editor: its administrators publish versions in the administration.
    expect(outcomes((s) => decide(s, 'board.edit', council))).toEqual({
      agent: 'not_in_audience',
      colleague: 'not_in_audience',
      elu: 'read_only',
      admin: 'versioned',
      operator: 'versioned',
      agentB: 'other_collectivite',
      adminB: 'other_collectivite',
    });
    for (const action of ['board.administer', 'board.delete'] as const) {
      expect(
        outcomes((s) => decide(s, action, council)),
        action,
      ).toEqual({
        agent: 'not_in_audience',
        colleague: 'not_in_audience',
        elu: action === 'board.delete' ? 'read_only' : 'administrators_only',
        admin: 'ok',
        operator: 'ok',
        agentB: 'other_collectivite',
        adminB: 'other_collectivite',
      });
    }
    expect(decide(people.operator, 'board.administer', council)).toEqual({ allowed: true, reason: 'operator' });
    expect(decide(people.admin, 'board.administer', council)).toEqual({ allowed: true, reason: 'administrator' });
  });

  it('a template or published board with no audience yet is a draft: its administrators only', () => {
    for (const kind of ['template', 'published'] as const) {
      expect(outcomes((s) => decide(s, 'board.read', shared(kind, [])))).toEqual({
        agent: 'not_in_audience',
        colleague: 'not_in_audience',
        elu: 'not_in_audience',
        admin: 'ok',
        operator: 'ok',
        agentB: 'other_collectivite',
        adminB: 'other_collectivite',
      });
    }
  });

  it('nobody administers a person’s own board: for the others it does not exist', () => {
    expect(outcomes((s) => decide(s, 'board.administer', personal('agent')))).toEqual({
      agent: 'not_owner',
      colleague: 'not_owner',
      elu: 'not_owner',
      admin: 'not_owner',
      operator: 'not_owner',
      agentB: 'other_collectivite',
      adminB: 'other_collectivite',
    });
  });

  it('the kiosk opens a published board for those who read it, and nothing else', () => {
    expect(outcomes((s) => decide(s, 'board.openKiosk', shared('published', ['elus'])))).toEqual({
      agent: 'not_in_audience',
      colleague: 'not_in_audience',
      elu: 'ok',
      admin: 'ok',
      operator: 'ok',
      agentB: 'other_collectivite',
      adminB: 'other_collectivite',
    });
    expect(decide(people.agent, 'board.openKiosk', shared('template', ['finances']))).toEqual({
      allowed: false,
      reason: 'not_published',
    });
    expect(decide(people.agent, 'board.openKiosk', personal('agent'))).toEqual({
      allowed: false,
      reason: 'not_published',
    });
  });

  it('a template: its audience may copy it; élus do not own boards; only templates are copied', () => {
    const finances = shared('template', ['finances']);
    expect(outcomes((s) => decide(s, 'board.copy', finances))).toEqual({
      agent: 'ok',
      colleague: 'not_in_audience',
      elu: 'not_in_audience',
      admin: 'ok',
      operator: 'ok',
      agentB: 'other_collectivite',
      adminB: 'other_collectivite',
    });
    expect(decide(people.elu, 'board.copy', shared('template', ['elus']))).toEqual({
      allowed: false,
      reason: 'elected_official',
    });
    expect(decide(people.elu, 'board.copy', shared('published', ['elus'])).allowed).toBe(false);
    expect(decide(people.agent, 'board.edit', finances)).toEqual({ allowed: false, reason: 'read_only' });
  });
});

describe('home board', () => {
  it('is a board the person reads, their own or one published for them, never a template', () => {
    expect(outcomes((s) => decide(s, 'board.chooseHome', personal('agent')))).toEqual({
      agent: 'ok',
      colleague: 'not_owner',
      elu: 'not_owner',
      admin: 'not_owner',
      operator: 'not_owner',
      agentB: 'other_collectivite',
      adminB: 'other_collectivite',
    });
    // Choosing where to land changes no board: élus choose too, on their read-only boards.
    expect(decide(people.elu, 'board.chooseHome', personal('elu'))).toEqual({ allowed: true, reason: 'owner' });
    expect(outcomes((s) => decide(s, 'board.chooseHome', shared('published', ['elus'])))).toEqual({
      agent: 'not_in_audience',
      colleague: 'not_in_audience',
      elu: 'ok',
      admin: 'ok',
      operator: 'ok',
      agentB: 'other_collectivite',
      adminB: 'other_collectivite',
    });
    expect(outcomes((s) => decide(s, 'board.chooseHome', shared('template', ['finances'])))).toEqual({
      agent: 'template_not_home',
      colleague: 'not_in_audience',
      elu: 'not_in_audience',
      admin: 'template_not_home',
      operator: 'template_not_home',
      agentB: 'other_collectivite',
      adminB: 'other_collectivite',
    });
  });

  it('managing one’s tabs: creating is for members except élus; renaming, moving and deleting for whoever edits the board', () => {
    expect(outcomes((s) => decide(s, 'collectivite.createBoard', { collectiviteId: A }))).toEqual({
      agent: 'ok',
      colleague: 'ok',
      elu: 'elected_official',
      admin: 'ok',
      operator: 'ok',
      agentB: 'other_collectivite',
      adminB: 'other_collectivite',
    });
    for (const action of ['board.edit', 'board.delete'] as const) {
      expect(
        outcomes((s) => decide(s, action, personal('agent'))),
        action,
      ).toEqual({
        agent: 'ok',
        colleague: 'not_owner',
        elu: 'not_owner',
        admin: 'not_owner',
        operator: 'not_owner',
        agentB: 'other_collectivite',
        adminB: 'other_collectivite',
      });
      expect(decide(people.elu, action, personal('elu')), action).toEqual({ allowed: false, reason: 'read_only' });
      expect(decide(people.elu, action, shared('published', ['elus'])), action).toEqual({
        allowed: false,
        reason: 'read_only',
      });
    }
  });
});

describe('widgets', () => {
  it('a widget restricted to some groups reaches no one else, except the administrators preparing the board', () => {
    const board = shared('published', ['agents', 'elus']);
    const restricted = widget(board, { audience: ['commission-travaux'] });
    expect(outcomes((s) => decide(s, 'widget.read', restricted))).toEqual({
      agent: 'not_in_audience',
      colleague: 'not_in_audience',
      elu: 'ok',
      admin: 'ok',
      operator: 'ok',
      agentB: 'other_collectivite',
      adminB: 'other_collectivite',
    });
    // On a personal board (a copy of a template), the owner too needs to be in the widget's audience.
    expect(decide(people.colleague, 'widget.read', widget(personal('colleague'), { audience: ['finances'] }))).toEqual({
      allowed: false,
      reason: 'not_in_audience',
    });
  });

  it('a locked widget of a person’s copy can be configured, not moved nor removed; the template’s administrators can', () => {
    const locked = widget(personal('agent'), { locked: true });
    expect(decide(people.agent, 'widget.configure', locked)).toEqual({ allowed: true, reason: 'owner' });
    expect(decide(people.agent, 'widget.move', locked)).toEqual({ allowed: false, reason: 'locked' });
    expect(decide(people.agent, 'widget.remove', locked)).toEqual({ allowed: false, reason: 'locked' });
    // On the template itself, nobody moves it from the board editor: its administrators publish versions.
    const onTemplate = widget(shared('template', ['finances']), { locked: true });
    expect(decide(people.admin, 'widget.move', onTemplate)).toEqual({ allowed: false, reason: 'versioned' });
    expect(decide(people.agent, 'widget.move', onTemplate)).toEqual({ allowed: false, reason: 'read_only' });
    expect(decide(people.admin, 'board.administer', onTemplate.board).allowed).toBe(true);
  });

  it('nothing of a board one cannot read is acknowledged', () => {
    for (const action of ['widget.read', 'widget.configure', 'widget.move', 'widget.remove'] as const) {
      expect(decide(people.colleague, action, widget(personal('agent'))).reason, action).toBe('not_owner');
      expect(decide(people.agentB, action, widget(personal('agent'))).reason, action).toBe('other_collectivite');
    }
  });
});

describe('administration', () => {
  it('administrators and the operator of the collectivité; role before tenant', () => {
    for (const action of [
      'collectivite.administer',
      'collectivite.administerConnectors',
      'collectivite.administerBoards',
      'collectivite.readAuditLog',
      'collectivite.administerLook',
      'collectivite.administerAppLinks',
      'collectivite.administerIndicators',
    ] as const) {
      expect(
        outcomes((s) => decide(s, action, { collectiviteId: A })),
        action,
      ).toEqual({
        agent: 'administrators_only',
        colleague: 'administrators_only',
        elu: 'administrators_only',
        admin: 'ok',
        operator: 'ok',
        agentB: 'administrators_only',
        adminB: 'other_collectivite',
      });
    }
    expect(decide(people.operator, 'connector.manage', { collectiviteId: A })).toEqual({
      allowed: true,
      reason: 'operator',
    });
  });

  it('only the operator lets a connector reach private networks', () => {
    expect(outcomes((s) => decide(s, 'connector.allowPrivateNetworks', { collectiviteId: A }))).toEqual({
      agent: 'administrators_only',
      colleague: 'administrators_only',
      elu: 'administrators_only',
      admin: 'operator_only',
      operator: 'ok',
      agentB: 'administrators_only',
      adminB: 'other_collectivite',
    });
  });

  it('creating a personal board: members except élus', () => {
    expect(outcomes((s) => decide(s, 'collectivite.createBoard', { collectiviteId: A }))).toMatchObject({
      agent: 'ok',
      elu: 'elected_official',
      admin: 'ok',
      agentB: 'other_collectivite',
    });
  });
});

describe('launcher links', () => {
  it('are for the members of their collectivité in their audience', () => {
    const link = { collectiviteId: A, audience: ['finances'] };
    expect(outcomes((s) => decide(s, 'appLink.read', link))).toMatchObject({
      agent: 'ok',
      colleague: 'not_in_audience',
      agentB: 'other_collectivite',
    });
    expect(decide(people.colleague, 'appLink.read', { collectiviteId: A, audience: [] })).toEqual({
      allowed: true,
      reason: 'member',
    });
  });

  it('are edited and removed by the administrators of their collectivité only', () => {
    expect(outcomes((s) => decide(s, 'appLink.manage', { collectiviteId: A, audience: ['finances'] }))).toEqual({
      agent: 'administrators_only',
      colleague: 'administrators_only',
      elu: 'administrators_only',
      admin: 'ok',
      operator: 'ok',
      agentB: 'administrators_only',
      adminB: 'other_collectivite',
    });
  });
});

describe("a collectivité's look and the installation", () => {
  it('every member sees the look of their own collectivité', () => {
    expect(outcomes((s) => decide(s, 'collectivite.readLook', { collectiviteId: A }))).toEqual({
      agent: 'ok',
      colleague: 'ok',
      elu: 'ok',
      admin: 'ok',
      operator: 'ok',
      agentB: 'other_collectivite',
      adminB: 'other_collectivite',
    });
  });

  it('only the operator sees the whole installation', () => {
    expect(outcomes((s) => decide(s, 'installation.read', { installation: true }))).toEqual({
      agent: 'operator_only',
      colleague: 'operator_only',
      elu: 'operator_only',
      admin: 'operator_only',
      operator: 'ok',
      agentB: 'operator_only',
      adminB: 'operator_only',
    });
  });
});

describe('announcements', () => {
  it('are read by the members of their collectivité in their audience, administered by its administrators', () => {
    expect(outcomes((s) => decide(s, 'announcement.read', { collectiviteId: A, audience: ['elus'] }))).toEqual({
      agent: 'not_in_audience',
      colleague: 'not_in_audience',
      elu: 'ok',
      admin: 'not_in_audience',
      operator: 'not_in_audience',
      agentB: 'other_collectivite',
      adminB: 'other_collectivite',
    });
    expect(outcomes((s) => decide(s, 'collectivite.administerAnnouncements', { collectiviteId: A }))).toEqual({
      agent: 'administrators_only',
      colleague: 'administrators_only',
      elu: 'administrators_only',
      admin: 'ok',
      operator: 'ok',
      agentB: 'administrators_only',
      adminB: 'other_collectivite',
    });
  });
});

describe('indicators', () => {
  it('are read by every member of their collectivité, élus included; another collectivité’s do not exist', () => {
    expect(outcomes((s) => decide(s, 'indicator.read', { collectiviteId: A }))).toEqual({
      agent: 'ok',
      colleague: 'ok',
      elu: 'ok',
      admin: 'ok',
      operator: 'ok',
      agentB: 'other_collectivite',
      adminB: 'other_collectivite',
    });
  });
});

describe('the policy module', () => {
  it('has a rule for every action, and every refusal is a known reason with a French message or concealed', () => {
    expect(POLICY_ACTIONS).toHaveLength(28);
    for (const [reason, denial] of Object.entries(DENIALS)) {
      if (denial.conceal) continue;
      expect(denial.message, reason).toMatch(/^[A-ZÉ].*\.$/u);
    }
    expect(isConcealed('other_collectivite')).toBe(true);
    expect(isConcealed('read_only')).toBe(false);
  });

  it('boardReadScope selects exactly the boards board.read allows', () => {
    const audiences = [[], ['finances'], ['elus'], ['commission-travaux', 'agents'], ['nobody']];
    const boards: BoardResource[] = [
      ...PEOPLE.map(personal),
      ...[A, B].flatMap((collectiviteId) =>
        BOARD_KINDS.filter((kind) => kind !== 'personal').flatMap((kind) =>
          audiences.map((audience) => ({ collectiviteId, kind, ownerId: null, audience })),
        ),
      ),
    ];
    for (const person of PEOPLE) {
      const scope = boardReadScope(people[person]);
      for (const board of boards) {
        expect(inBoardReadScope(scope, board), `${person} × ${JSON.stringify(board)}`).toBe(
          can(people[person], 'board.read', board),
        );
      }
    }
  });
});
