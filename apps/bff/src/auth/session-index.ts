import type { Store } from 'express-session';
import { Prisma } from '../generated/prisma/client.js';
import type { Db } from '../db/client.js';
import { isStorableText } from '../http/validate.js';

export interface OidcSessionRecord {
  sessionId: string;
  providerId: string;
  issuer: string;
  subject: string;
  sid: string | undefined;
  userId: string;
}

/**
 * Maps OpenID sessions (issuer + sid, or issuer + subject) to Pléiade session ids, so a logout
 * coming from the provider ends the right sessions whatever the session store.
 */
export class SessionIndex {
  constructor(
    private readonly db: Db,
    private readonly store: Store,
  ) {}

  async record(entry: OidcSessionRecord): Promise<void> {
    const data = { ...entry, sid: entry.sid ?? null };
    await this.db.oidcSession.upsert({ where: { sessionId: entry.sessionId }, create: data, update: data });
  }

  async forget(sessionId: string): Promise<void> {
    await this.db.oidcSession.deleteMany({ where: { sessionId } });
  }

  /** Ends every Pléiade session of this OpenID session (sid) or of this person (subject). */
  async endSessions(issuer: string, match: { sid?: string; subject?: string }): Promise<number> {
    const or: Prisma.OidcSessionWhereInput[] = [];
    // A value PostgreSQL cannot hold (NUL, a lone surrogate, from a forged URL) names no session.
    if (match.sid && isStorableText(match.sid)) or.push({ sid: match.sid });
    if (match.subject && isStorableText(match.subject)) or.push({ subject: match.subject });
    if (or.length === 0) return 0;
    const rows = await this.db.oidcSession.findMany({ where: { issuer, OR: or }, select: { sessionId: true } });
    for (const { sessionId } of rows) {
      await new Promise<void>((resolve, reject) =>
        this.store.destroy(sessionId, (error) => (error ? reject(error) : resolve())),
      );
      await this.forget(sessionId);
    }
    return rows.length;
  }

  /** Records a back-channel logout token's jti; false when it was already used (replay). */
  async useLogoutToken(jti: string, issuer: string, expiresAt: Date): Promise<boolean> {
    await this.db.logoutTokenUse.deleteMany({ where: { expiresAt: { lt: new Date() } } });
    try {
      await this.db.logoutTokenUse.create({ data: { jti: `${issuer} ${jti}`, issuer, expiresAt } });
      return true;
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return false;
      throw error;
    }
  }
}
