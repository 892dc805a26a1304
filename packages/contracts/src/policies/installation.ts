import { allow, deny, type Decision } from './decision.js';
import type { InstallationResource } from './resources.js';
import type { Subject } from './subject.js';

/** installation.read — every collectivité of the installation: its operator only. */
export function readInstallation(subject: Subject, _installation: InstallationResource): Decision {
  return subject.role === 'operator' ? allow('operator') : deny('operator_only');
}
