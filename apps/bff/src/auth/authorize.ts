import { DENIALS, decide, type PolicyAction, type PolicyResources, type Subject } from '@pleiade/contracts';
import { AppError } from '../errors.js';

type ResourceName = PolicyAction extends `${infer Name}.${string}` ? Name : never;

/** What a concealed refusal answers: the very words of a resource that does not exist. */
export const NOT_FOUND_MESSAGES: Record<ResourceName, string> = {
  board: 'Tableau introuvable.',
  widget: 'Widget introuvable.',
  collectivite: 'Collectivité introuvable.',
  connector: 'Connecteur introuvable.',
  appLink: 'Lien introuvable.',
  installation: 'Page introuvable.',
  announcement: 'Annonce introuvable.',
  indicator: 'Indicateur introuvable.',
};

function resourceNameOf(action: PolicyAction): ResourceName {
  return action.slice(0, action.indexOf('.')) as ResourceName;
}

/**
 * Enforces a decision of the policy module (@pleiade/contracts): nothing when allowed; a concealed
 * refusal (another person's or collectivité's thing) throws NOT_FOUND with the words of a missing
 * resource, any other refusal FORBIDDEN with the policy's French message.
 */
export function authorize<A extends PolicyAction>(subject: Subject, action: A, resource: PolicyResources[A]): void {
  const decision = decide(subject, action, resource);
  if (decision.allowed) return;
  const denial = DENIALS[decision.reason];
  if (denial.conceal) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGES[resourceNameOf(action)]);
  throw new AppError('FORBIDDEN', denial.message);
}
