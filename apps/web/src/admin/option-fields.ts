import { optionFieldsOf, type ConnectorAuthMode, type ConnectorKind, type OptionField } from '@pleiade/contracts';

/**
 * How the form shows each option: the fields come from the kind's definition in the contracts
 * (connector-kinds/), next to the schema that validates them.
 */
export type { OptionField };

/** The options shown for a kind and an authentication mode. */
export function visibleOptionFields(kind: ConnectorKind, authMode: ConnectorAuthMode): readonly OptionField[] {
  return optionFieldsOf(kind).filter((field) => !field.onlyForAuthModes || field.onlyForAuthModes.includes(authMode));
}

/** What a valid value of the field looks like, in French: the message shown when it is refused. */
export function optionExpectation(field: OptionField): string {
  switch (field.type) {
    case 'integer':
      return `Indiquez un nombre entier entre ${field.min} et ${field.max}.`;
    case 'choice':
      return `Choisissez : ${field.choices.map((choice) => choice.label).join(', ')}.`;
    case 'text':
      return field.expectation;
  }
}
