-- Index from OpenID sessions to Pléiade sessions (front- and back-channel logout), and the
-- back-channel logout tokens already used (replay protection).

CREATE TABLE "oidc_session" (
    "session_id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "sid" TEXT,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "oidc_session_pkey" PRIMARY KEY ("session_id")
);
CREATE INDEX "oidc_session_issuer_sid_idx" ON "oidc_session"("issuer", "sid");
CREATE INDEX "oidc_session_issuer_subject_idx" ON "oidc_session"("issuer", "subject");

CREATE TABLE "logout_token_use" (
    "jti" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "logout_token_use_pkey" PRIMARY KEY ("jti")
);
