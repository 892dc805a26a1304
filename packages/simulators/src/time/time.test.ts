import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, parisDate } from '../clock.js';
import { GTA_NAMESPACE, parisTimeToday, startSimulators, type Simulators } from '../index.js';

// Kelio-like SOAP 1.1 services: service and operation names, populationMode and the employee
// identifiers from Kelio's public web-service help; the rest is this simulator's design (README.md).
let sims: Simulators;
// 12:30 in Paris: the agent clocked in at 08:12, out at 12:03; the 13:31 clocking is still ahead.
const now = parisTimeToday(new Date(), '12:30');

beforeAll(async () => {
  sims = await startSimulators({ now: () => now });
});
afterAll(() => sims.close());

const xml = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => ['Clocking', 'AbsenceFile', 'AbsenceBalance', 'CreditDebitBalance'].includes(name),
});

function basic(collectivite: 'demo-a' | 'demo-b') {
  const { login, password } = sims.credentials.time[collectivite];
  return `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`;
}

function envelope(operation: string, fields: Record<string, string | number>, ns = GTA_NAMESPACE): string {
  const inner = Object.entries(fields)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:gta="${ns}"><soapenv:Header/><soapenv:Body><gta:${operation}>${inner}</gta:${operation}></soapenv:Body></soapenv:Envelope>`;
}

async function soap(service: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${sims.urls.time}/open/services/${service}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'text/xml; charset=utf-8',
      SOAPAction: '""',
      Authorization: basic('demo-a'),
      ...headers,
    },
    body,
  });
  const text = await res.text();
  const parsed = (res.headers.get('content-type') ?? '').includes('xml')
    ? (xml.parse(text) as Record<string, unknown>)
    : {};
  const soapBody = ((parsed.Envelope as Record<string, unknown> | undefined)?.Body ?? {}) as Record<string, unknown>;
  return { status: res.status, text, body: soapBody };
}

type Fault = { faultcode: string; faultstring: string; detail?: { GtaFault?: { code: string } } };
const faultOf = (body: Record<string, unknown>) => body.Fault as Fault;

const AGENT = { populationMode: 1, employeeIdentificationNumber: 'A-00042' };

describe('time-management WSDL', () => {
  it('serves one WSDL per service at ?wsdl, with the operations and the address of the simulator', async () => {
    const res = await fetch(`${sims.urls.time}/open/services/ClockingService?wsdl`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain(`targetNamespace="${GTA_NAMESPACE}"`);
    expect(text).toContain('<wsdl:operation name="exportClockings">');
    expect(text).toContain(`<soap:address location="${sims.urls.time}/open/services/ClockingService"/>`);
    const totals = await (await fetch(`${sims.urls.time}/open/services/AccountTotalService?wsdl`)).text();
    expect(totals).toContain('<wsdl:operation name="exportAbsenceBalancesList">');
    expect(totals).toContain('<wsdl:operation name="exportCreditDebitBalance">');
    expect((await fetch(`${sims.urls.time}/open/services/NoSuchService?wsdl`)).status).toBe(404);
  });
});

describe('time-management operations', () => {
  it("today's clockings of one employee, only those already made", async () => {
    const { status, body } = await soap(
      'ClockingService',
      envelope('exportClockings', { ...AGENT, relativeStartDate: 0, relativeEndDate: 0 }),
    );
    expect(status).toBe(200);
    const clockings = (
      (body.exportClockingsResponse as Record<string, unknown>).exportedClockings as {
        Clocking: Record<string, string>[];
      }
    ).Clocking;
    expect(clockings.map((c) => [c.clockingTime, c.clockingType])).toEqual([
      ['08:12:00', 'ENTREE'],
      ['12:03:00', 'SORTIE'],
    ]);
    expect(clockings[0]).toMatchObject({
      employeeIdentificationNumber: 'A-00042',
      employeeSurname: 'MARTIN',
      employeeFirstName: 'Camille',
      clockingDate: parisDate(now),
      terminalDescription: 'Badgeuse hall de la mairie',
    });
  });

  it('absolute periods, and the badge or the names as identifiers', async () => {
    const yesterday = addDays(parisDate(now), -1);
    const byBadge = await soap(
      'ClockingService',
      envelope('exportClockings', {
        populationMode: 1,
        employeeBadgeCode: '0004217',
        startDate: yesterday,
        endDate: yesterday,
      }),
    );
    const list = (
      (byBadge.body.exportClockingsResponse as Record<string, unknown>).exportedClockings as {
        Clocking: Record<string, string>[];
      }
    ).Clocking;
    expect(list.map((c) => c.clockingTime)).toEqual(['08:05:00', '17:12:00']);
    const byName = await soap(
      'AccountTotalService',
      envelope('exportCreditDebitBalance', {
        populationMode: 1,
        employeeSurname: 'martin',
        employeeFirstName: 'CAMILLE',
      }),
    );
    const balance = (
      (byName.body.exportCreditDebitBalanceResponse as Record<string, unknown>).exportedCreditDebitBalances as {
        CreditDebitBalance: Record<string, string>[];
      }
    ).CreditDebitBalance[0];
    expect(balance).toMatchObject({
      balanceInMinutes: '445',
      balanceFormatted: '+07:25',
      weeklyContractInMinutes: '2160',
      balanceDate: yesterday,
    });
  });

  it('leave balances: acquired, taken, planned and what is left, per absence type', async () => {
    const { body } = await soap('AccountTotalService', envelope('exportAbsenceBalancesList', AGENT));
    const balances = (
      (body.exportAbsenceBalancesListResponse as Record<string, unknown>).exportedAbsenceBalances as {
        AbsenceBalance: Record<string, string>[];
      }
    ).AbsenceBalance;
    expect(balances.map((b) => [b.absenceTypeAbbreviation, b.balanceDays])).toEqual([
      ['CA', '4.0'],
      ['RTT', '5.0'],
      ['CET', '6.0'],
    ]);
  });

  it('absence files that overlap the period', async () => {
    const { body } = await soap(
      'AbsenceFileService',
      envelope('exportAbsenceFilesList', { ...AGENT, relativeStartDate: 0, relativeEndDate: 60 }),
    );
    const files = (
      (body.exportAbsenceFilesListResponse as Record<string, unknown>).exportedAbsenceFiles as {
        AbsenceFile: Record<string, string>[];
      }
    ).AbsenceFile;
    expect(files).toEqual([
      expect.objectContaining({
        absenceTypeAbbreviation: 'CA',
        durationInDays: '10.0',
        startDate: addDays(parisDate(now), 24),
      }),
    ]);
  });

  it('without populationMode (0 by default) answers for every employee of the collectivité: the caller must filter', async () => {
    const { body } = await soap(
      'ClockingService',
      envelope('exportClockings', { relativeStartDate: 0, relativeEndDate: 0 }),
    );
    const list = (
      (body.exportClockingsResponse as Record<string, unknown>).exportedClockings as {
        Clocking: Record<string, string>[];
      }
    ).Clocking;
    const matricules = new Set(list.map((c) => c.employeeIdentificationNumber));
    expect(matricules).toEqual(new Set(['A-00042', 'A-00007', 'A-00031', 'A-00050', 'A-00051']));
    // Another collectivité's web-service account sees none of them.
    const other = await soap(
      'ClockingService',
      envelope('exportClockings', { relativeStartDate: 0, relativeEndDate: 0 }),
      { Authorization: basic('demo-b') },
    );
    const otherList = (
      (other.body.exportClockingsResponse as Record<string, unknown>).exportedClockings as {
        Clocking: Record<string, string>[];
      }
    ).Clocking;
    expect(new Set(otherList.map((c) => c.employeeIdentificationNumber))).toEqual(
      new Set(['B-00112', 'B-00113', 'B-00114']),
    );
  });

  it('answers an empty list element when nothing matches', async () => {
    const { status, text } = await soap(
      'ClockingService',
      envelope('exportClockings', {
        populationMode: 0,
        populationFilter: 'Police municipale',
        relativeStartDate: 0,
        relativeEndDate: 0,
      }),
    );
    expect(status).toBe(200);
    expect(text).toContain('<exportedClockings/>');
  });
});

describe('time-management faults and refusals', () => {
  it.each([
    [
      'no employee identifier',
      envelope('exportClockings', { populationMode: 1, relativeStartDate: 0, relativeEndDate: 0 }),
      'EMPLOYEE_IDENTIFIER_REQUIRED',
    ],
    [
      'an unknown matricule',
      envelope('exportClockings', {
        populationMode: 1,
        employeeIdentificationNumber: 'B-00112',
        relativeStartDate: 0,
        relativeEndDate: 0,
      }),
      'EMPLOYEE_NOT_FOUND',
    ],
    ['no period', envelope('exportClockings', AGENT), 'PERIOD_REQUIRED'],
    [
      'a period that ends before it starts',
      envelope('exportClockings', { ...AGENT, startDate: '2027-02-10', endDate: '2027-02-01' }),
      'INVALID_PERIOD',
    ],
    ['half a period', envelope('exportClockings', { ...AGENT, startDate: '2027-02-10' }), 'INVALID_PERIOD'],
    [
      'populationMode 2',
      envelope('exportClockings', { populationMode: 2, relativeStartDate: 0, relativeEndDate: 0 }),
      'INVALID_POPULATION_MODE',
    ],
  ])('%s: a soap:Client fault with HTTP 500', async (_label, body, code) => {
    const res = await soap('ClockingService', body);
    expect(res.status).toBe(500);
    const fault = faultOf(res.body);
    expect(fault.faultcode).toBe('soap:Client');
    expect(fault.detail?.GtaFault?.code).toBe(code);
  });

  it.each([
    [
      'a malformed date',
      envelope('exportClockings', { ...AGENT, startDate: '2027-02-30', endDate: '2027-03-01' }),
      /^Unmarshalling Error: Invalid date value '2027-02-30'/,
    ],
    [
      'a non-numeric populationMode',
      envelope('exportClockings', { populationMode: 'un' }),
      /^Unmarshalling Error: Not a number: un/,
    ],
    [
      'XML that is not well-formed',
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>',
      /^Error reading XMLStreamReader/,
    ],
    [
      'a DOCTYPE (entity expansion)',
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>${envelope('exportClockings', AGENT).replace('<?xml version="1.0" encoding="UTF-8"?>', '')}`,
      /DTD/,
    ],
    [
      'an operation of another namespace',
      envelope('exportClockings', AGENT, 'urn:autre'),
      /^Unexpected wrapper element \{urn:autre\}exportClockings found/,
    ],
    ['an unknown operation', envelope('deleteClockings', AGENT), /^Unexpected wrapper element/],
  ])('%s: soap:Client fault', async (_label, body, message) => {
    const res = await soap('ClockingService', body);
    expect(res.status).toBe(500);
    expect(faultOf(res.body).faultstring).toMatch(message);
  });

  it('answers VersionMismatch to a SOAP 1.2 envelope', async () => {
    const body = envelope('exportClockings', AGENT).replace(
      'http://schemas.xmlsoap.org/soap/envelope/',
      'http://www.w3.org/2003/05/soap-envelope',
    );
    const res = await soap('ClockingService', body, { 'Content-Type': 'application/soap+xml; charset=utf-8' });
    expect(res.status).toBe(500);
    expect(faultOf(res.body).faultcode).toBe('soap:VersionMismatch');
  });

  it('ignores request elements it does not know, as a JAXB binding does', async () => {
    const res = await soap(
      'ClockingService',
      envelope('exportClockings', { ...AGENT, relativeStartDate: 0, relativeEndDate: 0, inconnu: 'x' }),
    );
    expect(res.status).toBe(200);
  });

  it('wants the web-service account (401), POST for calls (405) and an XML content type (415)', async () => {
    expect(
      (await soap('ClockingService', envelope('exportClockings', AGENT), { Authorization: 'Basic eDp5' })).status,
    ).toBe(401);
    const noAuth = await fetch(`${sims.urls.time}/open/services/ClockingService`, { method: 'POST', body: '' });
    expect(noAuth.status).toBe(401);
    expect(noAuth.headers.get('www-authenticate')).toContain('Basic');
    expect((await fetch(`${sims.urls.time}/open/services/ClockingService`)).status).toBe(405);
    expect((await soap('ClockingService', '{}', { 'Content-Type': 'application/json' })).status).toBe(415);
  });
});
