import {
  byLogin,
  exchangedBearer,
  noCredential,
  personalBasic,
  serviceAccountBasic,
  sessionBearer,
} from '../credential-kit.js';
import type { ConnectorImplementation } from '../definition.js';

/**
 * A business application read through declarative data sources (contracts: connector-kinds/business.ts;
 * the reads: src/declarative/). It feeds no widget of its own.
 */
export const business: ConnectorImplementation<'business'> = {
  operations: {},
  credentials: {
    service_account: serviceAccountBasic(),
    oidc_token: sessionBearer,
    token_exchange: exchangedBearer,
    personal_secret: personalBasic(byLogin),
    none: noCredential,
  },
  // The application's home page: any answer (even 401) says it is reachable.
  probePath: '/',
};
