/** Why something is allowed. */
export const GRANTS = ['owner', 'audience', 'member', 'administrator', 'operator'] as const;
export type Grant = (typeof GRANTS)[number];

/**
 * Why something is refused. A `conceal`ed refusal must not even acknowledge the resource: the API
 * answers 404 exactly as for one that does not exist (another person's board, another collectivité's
 * widget). The others are 403 with their French message.
 */
export const DENIALS = {
  other_collectivite: { conceal: true },
  not_owner: { conceal: true },
  not_in_audience: { conceal: true },
  read_only: { conceal: false, message: 'Ce tableau est en lecture seule.' },
  versioned: {
    conceal: false,
    message:
      'Un modèle ou un tableau publié se modifie dans l’administration, où chaque modification devient une nouvelle version.',
  },
  not_published: { conceal: false, message: 'Seul un tableau publié s’ouvre en mode kiosque.' },
  elected_official: {
    conceal: false,
    message: 'Les élus consultent les tableaux préparés pour eux : ils n’en créent pas.',
  },
  locked: {
    conceal: false,
    message:
      'Ce widget est verrouillé par l’administrateur de votre collectivité : il ne peut être ni déplacé ni retiré.',
  },
  not_a_template: { conceal: false, message: 'Seul un modèle de tableau peut être copié.' },
  administrators_only: { conceal: false, message: 'Réservé aux administrateurs de la collectivité.' },
  operator_only: { conceal: false, message: 'Réservé à l’opérateur de la plateforme.' },
  template_not_home: {
    conceal: false,
    message: 'Un modèle ne peut pas être votre tableau d’accueil : choisissez la copie que vous en avez reçue.',
  },
} as const satisfies Record<string, { conceal: true } | { conceal: false; message: string }>;
export type Denial = keyof typeof DENIALS;

export type Decision = { allowed: true; reason: Grant } | { allowed: false; reason: Denial };

export function allow(reason: Grant): Decision {
  return { allowed: true, reason };
}

export function deny(reason: Denial): Decision {
  return { allowed: false, reason };
}

/** Every check must allow: the first refusal, in order, else the last grant (the most specific). */
export function every(first: Decision, ...rest: Decision[]): Decision {
  return [first, ...rest].find((decision) => !decision.allowed) ?? rest.at(-1) ?? first;
}
