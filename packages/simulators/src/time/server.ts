// Time-management (GTA) SOAP 1.1 simulator, shaped like Bodet's Kelio "open" web services.
// From Kelio's public web-service help (kelio.help.kelio.io, V5.1P5, webservices/*.html):
// services under `/open/services/<Service>` with a WSDL at `?wsdl`; ClockingService.exportClockings,
// AbsenceFileService.exportAbsenceFilesList and AccountTotalService; `populationMode` 1 (one
// employee by employeeIdentificationNumber, employeeBadgeCode, employeeSurname + employeeFirstName
// or employeeKey) or 0 (every employee, narrowed by populationFilter / groupFilter); absolute or
// relative date ranges; a web-service account is NOT narrowed to a population.
// Not public, so designed here and documented as such in README.md: the namespace, the element
// names of the answers, the two balance operations (exportAbsenceBalancesList,
// exportCreditDebitBalance), the fault texts and codes, HTTP Basic for the web-service account.
// SOAP 1.1: POST text/xml, document/literal wrapped; faults with HTTP 500.
import type { IncomingMessage } from 'node:http';
import { XMLParser } from 'fast-xml-parser';
import { type BusinessData, type BusinessPerson, type Collectivite } from '../business-data.js';
import { addDays, parisDate } from '../clock.js';
import { parisTimeToday } from '../demo-data.js';
import { header, type AppHandler, type SimResponse } from '../http.js';

export interface TimeAccount {
  collectivite: Collectivite;
  login: string;
  password: string;
}

export interface TimeOptions {
  data: BusinessData;
  now: () => Date;
  accounts: TimeAccount[];
}

export const GTA_NAMESPACE = 'urn:pleiade:simulateur-gta:open-services:v1';
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const POPULATIONS: Readonly<Record<Collectivite, string>> = {
  'demo-a': 'Services administratifs',
  'demo-b': 'Services techniques',
};

type FieldType = 'xs:string' | 'xs:int' | 'xs:date' | 'xs:time' | 'xs:decimal';

interface OperationSpec {
  /** The list element of the answer and its item element. */
  list: string;
  item: string;
  itemFields: Readonly<Record<string, FieldType>>;
  needsPeriod: boolean;
}

const EMPLOYEE_FIELDS: Readonly<Record<string, FieldType>> = {
  employeeKey: 'xs:int',
  employeeIdentificationNumber: 'xs:string',
  employeeBadgeCode: 'xs:string',
  employeeSurname: 'xs:string',
  employeeFirstName: 'xs:string',
};

const REQUEST_FIELDS: Readonly<Record<string, FieldType>> = {
  populationMode: 'xs:int',
  ...EMPLOYEE_FIELDS,
  populationFilter: 'xs:string',
  groupFilter: 'xs:string',
  startDate: 'xs:date',
  endDate: 'xs:date',
  relativeStartDate: 'xs:int',
  relativeEndDate: 'xs:int',
};

const SERVICES: Readonly<Record<string, Readonly<Record<string, OperationSpec>>>> = {
  ClockingService: {
    exportClockings: {
      list: 'exportedClockings',
      item: 'Clocking',
      itemFields: {
        ...EMPLOYEE_FIELDS,
        clockingDate: 'xs:date',
        clockingTime: 'xs:time',
        clockingType: 'xs:string',
        terminalDescription: 'xs:string',
      },
      needsPeriod: true,
    },
  },
  AbsenceFileService: {
    exportAbsenceFilesList: {
      list: 'exportedAbsenceFiles',
      item: 'AbsenceFile',
      itemFields: {
        ...EMPLOYEE_FIELDS,
        absenceTypeAbbreviation: 'xs:string',
        absenceTypeDescription: 'xs:string',
        startDate: 'xs:date',
        endDate: 'xs:date',
        durationInDays: 'xs:decimal',
      },
      needsPeriod: true,
    },
  },
  AccountTotalService: {
    exportAbsenceBalancesList: {
      list: 'exportedAbsenceBalances',
      item: 'AbsenceBalance',
      itemFields: {
        ...EMPLOYEE_FIELDS,
        absenceTypeAbbreviation: 'xs:string',
        absenceTypeDescription: 'xs:string',
        balanceDate: 'xs:date',
        acquiredDays: 'xs:decimal',
        takenDays: 'xs:decimal',
        plannedDays: 'xs:decimal',
        balanceDays: 'xs:decimal',
      },
      needsPeriod: false,
    },
    exportCreditDebitBalance: {
      list: 'exportedCreditDebitBalances',
      item: 'CreditDebitBalance',
      itemFields: {
        ...EMPLOYEE_FIELDS,
        balanceDate: 'xs:date',
        balanceInMinutes: 'xs:int',
        balanceFormatted: 'xs:string',
        weeklyContractInMinutes: 'xs:int',
      },
      needsPeriod: false,
    },
  },
};

class SoapFault extends Error {
  constructor(
    readonly faultcode: 'soap:Client' | 'soap:Server' | 'soap:VersionMismatch',
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

function xmlEscape(s: string): string {
  return s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );
}

function soapResponse(status: number, body: string): SimResponse {
  return {
    status,
    headers: { 'content-type': 'text/xml;charset=UTF-8' },
    body: `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP11}"><soap:Body>${body}</soap:Body></soap:Envelope>`,
  };
}

function faultResponse(fault: SoapFault): SimResponse {
  const detail = fault.code
    ? `<detail><gta:GtaFault xmlns:gta="${GTA_NAMESPACE}"><code>${xmlEscape(fault.code)}</code></gta:GtaFault></detail>`
    : '';
  return soapResponse(
    500,
    `<soap:Fault><faultcode>${fault.faultcode}</faultcode><faultstring>${xmlEscape(fault.message)}</faultstring>${detail}</soap:Fault>`,
  );
}

export function wsdl(service: string, location: string): string {
  const operations = SERVICES[service] ?? {};
  const element = (name: string, type: string, many = false) =>
    `<xs:element name="${name}" type="${type}" minOccurs="0"${many ? ' maxOccurs="unbounded"' : ''}/>`;
  const types = Object.entries(operations)
    .map(([op, spec]) => {
      const request = Object.entries(REQUEST_FIELDS)
        .filter(([name]) => spec.needsPeriod || !/Date$/.test(name))
        .map(([name, type]) => element(name, type))
        .join('');
      const item = Object.entries(spec.itemFields)
        .map(([name, type]) => element(name, type))
        .join('');
      return [
        `<xs:element name="${op}"><xs:complexType><xs:sequence>${request}</xs:sequence></xs:complexType></xs:element>`,
        `<xs:complexType name="${spec.item}"><xs:sequence>${item}</xs:sequence></xs:complexType>`,
        `<xs:element name="${op}Response"><xs:complexType><xs:sequence><xs:element name="${spec.list}" minOccurs="0"><xs:complexType><xs:sequence>${element(spec.item, `tns:${spec.item}`, true)}</xs:sequence></xs:complexType></xs:element></xs:sequence></xs:complexType></xs:element>`,
      ].join('');
    })
    .join('');
  const messages = Object.keys(operations)
    .map(
      (op) =>
        `<wsdl:message name="${op}"><wsdl:part name="parameters" element="tns:${op}"/></wsdl:message><wsdl:message name="${op}Response"><wsdl:part name="parameters" element="tns:${op}Response"/></wsdl:message>`,
    )
    .join('');
  const portOps = Object.keys(operations)
    .map(
      (op) =>
        `<wsdl:operation name="${op}"><wsdl:input message="tns:${op}"/><wsdl:output message="tns:${op}Response"/><wsdl:fault name="GtaFault" message="tns:GtaFault"/></wsdl:operation>`,
    )
    .join('');
  const bindingOps = Object.keys(operations)
    .map(
      (op) =>
        `<wsdl:operation name="${op}"><soap:operation soapAction=""/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output><wsdl:fault name="GtaFault"><soap:fault name="GtaFault" use="literal"/></wsdl:fault></wsdl:operation>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions name="${service}" targetNamespace="${GTA_NAMESPACE}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="${GTA_NAMESPACE}">
<wsdl:types><xs:schema targetNamespace="${GTA_NAMESPACE}" elementFormDefault="unqualified">${types}<xs:element name="GtaFault"><xs:complexType><xs:sequence><xs:element name="code" type="xs:string"/></xs:sequence></xs:complexType></xs:element></xs:schema></wsdl:types>
<wsdl:message name="GtaFault"><wsdl:part name="fault" element="tns:GtaFault"/></wsdl:message>${messages}
<wsdl:portType name="${service}PortType">${portOps}</wsdl:portType>
<wsdl:binding name="${service}SoapBinding" type="tns:${service}PortType"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>${bindingOps}</wsdl:binding>
<wsdl:service name="${service}"><wsdl:port name="${service}Port" binding="tns:${service}SoapBinding"><soap:address location="${location}"/></wsdl:port></wsdl:service>
</wsdl:definitions>
`;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

type XmlNode = Record<string, unknown>;
const isNode = (v: unknown): v is XmlNode => typeof v === 'object' && v !== null && !Array.isArray(v);

function localName(qname: string): [prefix: string, local: string] {
  const colon = qname.indexOf(':');
  return colon < 0 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}

/** The namespace of `prefix` declared on one of `scopes` (innermost first). */
function namespaceOf(prefix: string, scopes: XmlNode[]): string | undefined {
  const attr = prefix === '' ? '@_xmlns' : `@_xmlns:${prefix}`;
  for (const scope of scopes) {
    const value = scope[attr];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

function childElements(node: XmlNode): [string, unknown][] {
  return Object.entries(node).filter(([k]) => !k.startsWith('@_') && k !== '#text');
}

interface Request {
  operation: string;
  fields: Record<string, string>;
}

function readRequest(xml: string, service: string): Request {
  if (/<!DOCTYPE/i.test(xml)) {
    throw new SoapFault(
      'soap:Client',
      'Error reading XMLStreamReader: Received event DTD, instead of START_ELEMENT or END_ELEMENT.',
    );
  }
  let doc: XmlNode;
  try {
    doc = parser.parse(xml, true) as XmlNode;
  } catch {
    throw new SoapFault(
      'soap:Client',
      'Error reading XMLStreamReader: Unexpected character in the message (not well-formed XML).',
    );
  }
  const envelopeEntry = childElements(doc).find(([k]) => localName(k)[1] === 'Envelope');
  if (!envelopeEntry || !isNode(envelopeEntry[1])) {
    throw new SoapFault('soap:Client', 'Error reading XMLStreamReader: the message has no SOAP Envelope.');
  }
  const envelope = envelopeEntry[1];
  const envelopeNs = namespaceOf(localName(envelopeEntry[0])[0], [envelope]);
  if (envelopeNs === SOAP12) {
    throw new SoapFault(
      'soap:VersionMismatch',
      'A SOAP 1.2 message is not valid when sent to a SOAP 1.1 only endpoint.',
    );
  }
  if (envelopeNs !== SOAP11) throw new SoapFault('soap:VersionMismatch', 'Invalid SOAP envelope namespace.');
  const bodyEntry = childElements(envelope).find(([k]) => localName(k)[1] === 'Body');
  const body = bodyEntry && isNode(bodyEntry[1]) ? bodyEntry[1] : undefined;
  const wrapperEntry = body ? childElements(body)[0] : undefined;
  if (!body || !wrapperEntry) throw new SoapFault('soap:Client', 'No SOAP Body or no operation element in it.');
  const [prefix, operation] = localName(wrapperEntry[0]);
  const wrapper = isNode(wrapperEntry[1]) ? wrapperEntry[1] : {};
  const ns = namespaceOf(prefix, [wrapper, body, envelope]);
  const operations = SERVICES[service] ?? {};
  if (ns !== GTA_NAMESPACE || operations[operation] === undefined) {
    const expected = Object.keys(operations)
      .map((op) => `{${GTA_NAMESPACE}}${op}`)
      .join(', ');
    throw new SoapFault(
      'soap:Client',
      `Unexpected wrapper element {${ns ?? ''}}${operation} found.   Expected ${expected}.`,
    );
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of childElements(wrapper)) {
    const local = localName(name)[1];
    // Unknown elements are skipped, as a JAXB binding without schema validation does.
    if (REQUEST_FIELDS[local] === undefined) continue;
    const text =
      typeof value === 'string' ? value : isNode(value) && typeof value['#text'] === 'string' ? value['#text'] : '';
    fields[local] = text;
  }
  return { operation, fields };
}

function authenticate(req: IncomingMessage, accounts: TimeAccount[]): TimeAccount | undefined {
  const basic = /^Basic\s+(\S+)$/i.exec(header(req, 'authorization') ?? '');
  if (!basic) return undefined;
  const decoded = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return accounts.find((a) => a.login === decoded.slice(0, colon) && a.password === decoded.slice(colon + 1));
}

function intField(fields: Record<string, string>, name: string): number | undefined {
  const raw = fields[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw)) throw new SoapFault('soap:Client', `Unmarshalling Error: Not a number: ${raw}`);
  return Number(raw);
}

function dateField(fields: Record<string, string>, name: string): string | undefined {
  const raw = fields[name];
  if (raw === undefined || raw === '') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$/.exec(raw);
  if (
    !m ||
    Number.isNaN(Date.parse(`${m[1] ?? ''}T00:00:00Z`)) ||
    new Date(`${m[1] ?? ''}T00:00:00Z`).toISOString().slice(0, 10) !== m[1]
  ) {
    throw new SoapFault('soap:Client', `Unmarshalling Error: Invalid date value '${raw}' for element ${name}.`);
  }
  return m[1];
}

export function createTimeHandler(options: TimeOptions): AppHandler {
  const { data } = options;

  function employees(account: TimeAccount, fields: Record<string, string>): BusinessPerson[] {
    const all = data.people.filter((p) => p.collectivite === account.collectivite && p.employee !== undefined);
    const mode = intField(fields, 'populationMode') ?? 0;
    if (mode !== 0 && mode !== 1) {
      throw new SoapFault(
        'soap:Client',
        `Valeur de populationMode invalide : ${mode} (0 ou 1 attendu).`,
        'INVALID_POPULATION_MODE',
      );
    }
    if (mode === 0) {
      const population = fields.populationFilter;
      const group = fields.groupFilter;
      // The web-service account is not narrowed to a population: without filters, everyone.
      if (population !== undefined && population !== '' && population !== POPULATIONS[account.collectivite]) return [];
      if (group !== undefined && group !== '') return [];
      return all;
    }
    const key = intField(fields, 'employeeKey');
    const matricule = fields.employeeIdentificationNumber;
    const badge = fields.employeeBadgeCode;
    const surname = fields.employeeSurname;
    const firstName = fields.employeeFirstName;
    let found: BusinessPerson | undefined;
    if (matricule) found = all.find((p) => p.employee?.matricule === matricule);
    else if (badge) found = all.find((p) => p.employee?.badge === badge);
    else if (key !== undefined) found = all.find((p) => p.employee?.key === key);
    else if (surname && firstName) {
      found = all.find(
        (p) =>
          p.surname.localeCompare(surname, 'fr', { sensitivity: 'base' }) === 0 &&
          p.firstName.localeCompare(firstName, 'fr', { sensitivity: 'base' }) === 0,
      );
    } else {
      throw new SoapFault(
        'soap:Client',
        'Avec populationMode=1, un identifiant du salarié est obligatoire : matricule, badge, nom et prénom, ou clé.',
        'EMPLOYEE_IDENTIFIER_REQUIRED',
      );
    }
    if (!found)
      throw new SoapFault('soap:Client', 'Aucun salarié ne correspond à l’identifiant fourni.', 'EMPLOYEE_NOT_FOUND');
    return [found];
  }

  function period(fields: Record<string, string>, today: string): [string, string] {
    const start = dateField(fields, 'startDate');
    const end = dateField(fields, 'endDate');
    const relStart = intField(fields, 'relativeStartDate');
    const relEnd = intField(fields, 'relativeEndDate');
    let range: [string, string];
    if (start !== undefined || end !== undefined) {
      if (start === undefined || end === undefined) {
        throw new SoapFault(
          'soap:Client',
          'La période est incomplète : startDate et endDate sont obligatoires ensemble.',
          'INVALID_PERIOD',
        );
      }
      range = [start, end];
    } else if (relStart !== undefined || relEnd !== undefined) {
      if (relStart === undefined || relEnd === undefined) {
        throw new SoapFault(
          'soap:Client',
          'La période relative est incomplète : relativeStartDate et relativeEndDate sont obligatoires ensemble.',
          'INVALID_PERIOD',
        );
      }
      range = [addDays(today, relStart), addDays(today, relEnd)];
    } else {
      throw new SoapFault(
        'soap:Client',
        'Période obligatoire : startDate et endDate, ou relativeStartDate et relativeEndDate.',
        'PERIOD_REQUIRED',
      );
    }
    if (range[0] > range[1]) {
      throw new SoapFault('soap:Client', 'La date de début est postérieure à la date de fin.', 'INVALID_PERIOD');
    }
    return range;
  }

  function employeeXml(p: BusinessPerson): string {
    const e = p.employee;
    return [
      `<employeeKey>${e?.key ?? 0}</employeeKey>`,
      `<employeeIdentificationNumber>${xmlEscape(e?.matricule ?? '')}</employeeIdentificationNumber>`,
      `<employeeBadgeCode>${xmlEscape(e?.badge ?? '')}</employeeBadgeCode>`,
      `<employeeSurname>${xmlEscape(p.surname.toUpperCase())}</employeeSurname>`,
      `<employeeFirstName>${xmlEscape(p.firstName)}</employeeFirstName>`,
    ].join('');
  }

  const tag = (name: string, value: string | number) => `<${name}>${xmlEscape(String(value))}</${name}>`;

  function run(operation: string, people: BusinessPerson[], fields: Record<string, string>): string[] {
    const now = options.now();
    const today = parisDate(now);
    if (operation === 'exportClockings') {
      const [from, to] = period(fields, today);
      return people.flatMap((p) =>
        (data.time[p.username]?.clockings ?? [])
          .map((c) => ({ c, date: addDays(today, c.dayOffset) }))
          .filter(
            ({ c, date }) => date >= from && date <= to && (c.dayOffset < 0 || parisTimeToday(now, c.time) <= now),
          )
          .sort((x, y) => `${x.date}${x.c.time}`.localeCompare(`${y.date}${y.c.time}`))
          .map(
            ({ c, date }) =>
              `<Clocking>${employeeXml(p)}${tag('clockingDate', date)}${tag('clockingTime', `${c.time}:00`)}${tag('clockingType', c.direction)}${tag('terminalDescription', c.terminal)}</Clocking>`,
          ),
      );
    }
    if (operation === 'exportAbsenceFilesList') {
      const [from, to] = period(fields, today);
      return people.flatMap((p) =>
        (data.time[p.username]?.absences ?? [])
          .map((a) => ({ a, start: addDays(today, a.startInDays), end: addDays(today, a.endInDays) }))
          .filter(({ start, end }) => start <= to && end >= from)
          .map(
            ({ a, start, end }) =>
              `<AbsenceFile>${employeeXml(p)}${tag('absenceTypeAbbreviation', a.abbreviation)}${tag('absenceTypeDescription', a.description)}${tag('startDate', start)}${tag('endDate', end)}${tag('durationInDays', a.days.toFixed(1))}</AbsenceFile>`,
          ),
      );
    }
    if (operation === 'exportAbsenceBalancesList') {
      return people.flatMap((p) =>
        (data.time[p.username]?.balances ?? []).map(
          (b) =>
            `<AbsenceBalance>${employeeXml(p)}${tag('absenceTypeAbbreviation', b.abbreviation)}${tag('absenceTypeDescription', b.description)}${tag('balanceDate', today)}${tag('acquiredDays', b.acquired.toFixed(1))}${tag('takenDays', b.taken.toFixed(1))}${tag('plannedDays', b.planned.toFixed(1))}${tag('balanceDays', (b.acquired - b.taken - b.planned).toFixed(1))}</AbsenceBalance>`,
        ),
      );
    }
    return people.flatMap((p) => {
      const t = data.time[p.username];
      if (!t) return [];
      const m = t.creditDebitMinutes;
      const formatted = `${m < 0 ? '-' : '+'}${String(Math.floor(Math.abs(m) / 60)).padStart(2, '0')}:${String(Math.abs(m) % 60).padStart(2, '0')}`;
      return [
        `<CreditDebitBalance>${employeeXml(p)}${tag('balanceDate', addDays(today, -1))}${tag('balanceInMinutes', m)}${tag('balanceFormatted', formatted)}${tag('weeklyContractInMinutes', t.weeklyContractMinutes)}</CreditDebitBalance>`,
      ];
    });
  }

  return (req, body, baseUrl) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (req.method === 'GET' && url.pathname === '/open/homepage') {
      return {
        status: 200,
        headers: { 'content-type': 'text/html; charset=UTF-8' },
        body: '<!DOCTYPE html><title>Connexion</title>',
      };
    }
    const m = /^\/open\/services\/([A-Za-z]+)\/?$/.exec(url.pathname);
    const service = m?.[1];
    if (!service || SERVICES[service] === undefined) {
      return {
        status: 404,
        headers: { 'content-type': 'text/html' },
        body: '<html><body>No service was found.</body></html>',
      };
    }
    if (req.method === 'GET') {
      if (url.searchParams.has('wsdl') || url.search.toLowerCase() === '?wsdl') {
        return {
          status: 200,
          headers: { 'content-type': 'text/xml;charset=UTF-8' },
          body: wsdl(service, `${baseUrl}/open/services/${service}`),
        };
      }
      return {
        status: 405,
        headers: { allow: 'POST', 'content-type': 'text/html' },
        body: '<html><body>Method Not Allowed</body></html>',
      };
    }
    if (req.method !== 'POST') {
      return {
        status: 405,
        headers: { allow: 'POST', 'content-type': 'text/html' },
        body: '<html><body>Method Not Allowed</body></html>',
      };
    }
    const account = authenticate(req, options.accounts);
    if (!account) {
      return {
        status: 401,
        headers: { 'www-authenticate': 'Basic realm="GTA web services"', 'content-type': 'text/html' },
        body: '<html><body><h1>HTTP Status 401 – Unauthorized</h1></body></html>',
      };
    }
    const contentType = (header(req, 'content-type') ?? '').toLowerCase();
    if (!contentType.startsWith('text/xml') && !contentType.startsWith('application/soap+xml')) {
      return {
        status: 415,
        headers: { 'content-type': 'text/html' },
        body: '<html><body>Unsupported Media Type</body></html>',
      };
    }
    try {
      const request = readRequest(body, service);
      const spec = SERVICES[service]?.[request.operation];
      if (!spec) throw new SoapFault('soap:Client', 'Unknown operation.');
      const people = employees(account, request.fields);
      const items = run(request.operation, people, request.fields);
      const list = items.length > 0 ? `<${spec.list}>${items.join('')}</${spec.list}>` : `<${spec.list}/>`;
      return soapResponse(
        200,
        `<ns:${request.operation}Response xmlns:ns="${GTA_NAMESPACE}">${list}</ns:${request.operation}Response>`,
      );
    } catch (err) {
      if (err instanceof SoapFault) return faultResponse(err);
      throw err;
    }
  };
}

export const TIME_SERVICES = Object.keys(SERVICES);
