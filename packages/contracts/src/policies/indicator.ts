import { allow, deny, type Decision } from './decision.js';
import type { IndicatorResource } from './resources.js';
import { belongsTo, type Subject } from './subject.js';

/**
 * indicator.read — its value, trend and history: every member of its collectivité, élus included
 * (figures of the collectivité, shown on boards prepared for them). Another collectivité's does
 * not exist for them.
 */
export function readIndicator(subject: Subject, indicator: IndicatorResource): Decision {
  return belongsTo(subject, indicator.collectiviteId) ? allow('member') : deny('other_collectivite');
}
