import { describe, expect, it } from 'vitest';
import { DECLARATIVE_PRESETS, declarativeDefinitionSchema } from '@pleiade/contracts';
import { isSoapDefinition, soapPathOf, withWsdlOperation } from './wsdl-definition';

const clockings = DECLARATIVE_PRESETS.find((preset) => preset.id === 'time-clockings-today');
if (!clockings) throw new Error('preset');
const text = JSON.stringify(clockings.definition, null, 2);

describe('the SOAP operation chosen in the WSDL', () => {
  it('goes into the definition: fields kept with their values, required ones added, optional ones named', () => {
    const rewritten = withWsdlOperation(text, 'urn:gta', {
      name: 'exportAbsences',
      soapAction: 'urn:exportAbsences',
      fields: [
        { name: 'employeeIdentificationNumber', type: 'xs:string', required: false },
        { name: 'relativeStartDate', type: 'xs:int', required: false },
        { name: 'absenceType', type: 'xs:string', required: true },
        { name: 'employeeKey', type: 'xs:int', required: false },
      ],
    });
    if (rewritten === undefined) throw new Error('not rewritten');
    expect(rewritten.fields).toBe(3);
    expect(rewritten.optional).toEqual(['employeeKey']);
    const definition = declarativeDefinitionSchema.parse(JSON.parse(rewritten.text));
    if (definition.request.protocol !== 'soap' || clockings.definition.request.protocol !== 'soap') throw new Error();
    expect(definition.request).toMatchObject({
      namespace: 'urn:gta',
      operation: 'exportAbsences',
      soapAction: 'urn:exportAbsences',
      path: clockings.definition.request.path,
    });
    const before = new Map((clockings.definition.request.fields ?? []).map((field) => [field.name, field.value]));
    expect(definition.request.fields).toEqual([
      { name: 'employeeIdentificationNumber', value: before.get('employeeIdentificationNumber') },
      { name: 'relativeStartDate', value: { number: 0 } },
      { name: 'absenceType', value: { text: '' } },
    ]);
    expect(definition.result).toEqual(declarativeDefinitionSchema.parse(clockings.definition).result);
  });

  it('leaves alone what is not a SOAP definition', () => {
    const operation = { name: 'x', soapAction: '', fields: [] };
    expect(withWsdlOperation('{ not json', 'urn:x', operation)).toBeUndefined();
    expect(withWsdlOperation('{"request":{"protocol":"rest","path":"/"}}', 'urn:x', operation)).toBeUndefined();
    expect(isSoapDefinition(text)).toBe(true);
    expect(isSoapDefinition('{"request":{"protocol":"odata"}}')).toBe(false);
    expect(soapPathOf(text)).toBe('/open/services/ClockingService');
  });
});
