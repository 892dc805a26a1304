#!/usr/bin/env node
// Starts the simulators with the demo data and prints their URLs and demo credentials.
// Environment: SIMULATORS_LATENCY_MS, NEXTCLOUD_SIM_PORT, ZIMBRA_SIM_PORT, MATRIX_SIM_PORT, JITSI_SIM_PORT,
// IPARAPHEUR_SIM_PORT, IPARAPHEUR4_SIM_PORT, S2LOW_SIM_PORT, IDELIBRE_SIM_PORT, PASTELL_SIM_PORT.
// GLPI_SIM_PORT, FINANCE_SIM_PORT, TIME_SIM_PORT, FEEDS_SIM_PORT.
import { startSimulators } from './index.js';

const port = (name: string) => Number(process.env[name] ?? '0') || 0;

const sims = await startSimulators({
  latencyMs: Number(process.env.SIMULATORS_LATENCY_MS ?? '0') || 0,
  ports: {
    nextcloud: port('NEXTCLOUD_SIM_PORT'),
    zimbra: port('ZIMBRA_SIM_PORT'),
    matrix: port('MATRIX_SIM_PORT'),
    jitsi: port('JITSI_SIM_PORT'),
    iparapheur: port('IPARAPHEUR_SIM_PORT'),
    iparapheur4: port('IPARAPHEUR4_SIM_PORT'),
    s2low: port('S2LOW_SIM_PORT'),
    idelibre: port('IDELIBRE_SIM_PORT'),
    pastell: port('PASTELL_SIM_PORT'),
    glpi: port('GLPI_SIM_PORT'),
    finance: port('FINANCE_SIM_PORT'),
    time: port('TIME_SIM_PORT'),
    feeds: port('FEEDS_SIM_PORT'),
  },
});

process.stdout.write(`${JSON.stringify({ urls: sims.urls, credentials: sims.credentials }, null, 2)}\n`);

const stop = () => {
  void sims.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
