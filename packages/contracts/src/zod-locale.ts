import { z } from 'zod';

/**
 * Validation details reach people (the administration forms show them beside each field): zod's
 * own messages in French, for the BFF and the SPA alike, since both load the contracts.
 */
z.config(z.locales.fr());
