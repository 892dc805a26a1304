import { optionFieldsOf, type ConnectorAuthMode, type ConnectorKind, type OptionField } from '@pleiade/contracts';
import { i18n } from '../i18n';
import { optionFieldIn } from './contract-texts';

/**
 * How the form shows each option: the fields come from the kind's definition in the contracts
 * (connector-kinds/), next to the schema that validates them.
 */
export type { OptionField };

/** The options shown for a kind and an authentication mode, their texts in the interface's language. */
export function visibleOptionFields(kind: ConnectorKind, authMode: ConnectorAuthMode): readonly OptionField[] {
  return optionFieldsOf(kind)
    .filter((field) => !field.onlyForAuthModes || field.onlyForAuthModes.includes(authMode))
    .map((field) => optionFieldIn(kind, field));
}

/** What a valid value of the field looks like: the message shown when it is refused. */
export function optionExpectation(field: OptionField): string {
  switch (field.type) {
    case 'integer':
      return i18n.t('admin:validation.integer', { min: field.min, max: field.max });
    case 'choice':
      return i18n.t('admin:validation.choice', { choices: field.choices.map((choice) => choice.label).join(', ') });
    case 'text':
      return field.expectation;
  }
}
