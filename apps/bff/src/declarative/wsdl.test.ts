import { describe, expect, it } from 'vitest';
import { parseWsdl, WSDL_MESSAGES } from './wsdl.js';

const WSDL = `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions targetNamespace="http://example.fr/rh" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
  xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="http://example.fr/rh">
  <wsdl:types><xs:schema targetNamespace="http://example.fr/rh">
    <xs:element name="lireSolde"><xs:complexType><xs:sequence>
      <xs:element name="matricule" type="xs:string"/><xs:element name="annee" type="xs:int" minOccurs="0"/>
    </xs:sequence></xs:complexType></xs:element>
    <xs:element name="lireSoldeResponse"><xs:complexType><xs:sequence><xs:element name="jours" type="xs:decimal"/></xs:sequence></xs:complexType></xs:element>
    <xs:element name="ping"><xs:complexType/></xs:element>
  </xs:schema></wsdl:types>
  <wsdl:message name="lireSolde"><wsdl:part name="parameters" element="tns:lireSolde"/></wsdl:message>
  <wsdl:message name="ping"><wsdl:part name="parameters" element="tns:ping"/></wsdl:message>
  <wsdl:portType name="Rh">
    <wsdl:operation name="lireSolde"><wsdl:input message="tns:lireSolde"/></wsdl:operation>
    <wsdl:operation name="ping"><wsdl:input message="tns:ping"/></wsdl:operation>
    <wsdl:operation name="bad-name"><wsdl:input message="tns:ping"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="RhSoap" type="tns:Rh"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="lireSolde"><soap:operation soapAction="urn:lireSolde"/></wsdl:operation>
  </wsdl:binding>
</wsdl:definitions>`;

describe('parseWsdl', () => {
  it('reads the namespace, each operation, its SOAP action and its request fields in order', () => {
    expect(parseWsdl(WSDL)).toEqual({
      ok: true,
      namespace: 'http://example.fr/rh',
      operations: [
        {
          name: 'lireSolde',
          soapAction: 'urn:lireSolde',
          fields: [
            { name: 'matricule', type: 'xs:string', required: true },
            { name: 'annee', type: 'xs:int', required: false },
          ],
        },
        // No binding entry: no action; no sequence: no field; « bad-name » is not a usable name.
        { name: 'ping', soapAction: '', fields: [] },
      ],
    });
  });

  it('refuses what is not a WSDL, has no operation, or carries a DTD', () => {
    expect(parseWsdl('{"not": "xml"}')).toEqual({ ok: false, message: WSDL_MESSAGES.notXml });
    expect(parseWsdl('<html><body>Erreur 404</body></html>')).toEqual({ ok: false, message: WSDL_MESSAGES.notWsdl });
    expect(parseWsdl('<definitions targetNamespace="x"><portType name="p"/></definitions>')).toEqual({
      ok: false,
      message: WSDL_MESSAGES.noOperation,
    });
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<definitions targetNamespace="&lol2;"><portType><operation name="a"/></portType></definitions>`;
    expect(parseWsdl(bomb)).toEqual({ ok: false, message: WSDL_MESSAGES.notXml });
  });
});
