-- Per-person access to upstream applications: the login sent to them (preferred_username, else
-- the e-mail's local part; filled at the next sign-in) and each person's own app password or token
-- for `personal_secret` connectors, sealed with the connector keyring (never stored in clear).

ALTER TABLE "app_user" ADD COLUMN "login" TEXT;
UPDATE "app_user" SET "login" = NULLIF(split_part("email", '@', 1), '') WHERE "email" IS NOT NULL;

CREATE TABLE "user_connector_credential" (
    "user_id" UUID NOT NULL,
    "connector_id" UUID NOT NULL,
    "username" TEXT,
    "secret" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "user_connector_credential_pkey" PRIMARY KEY ("user_id", "connector_id")
);
CREATE INDEX "user_connector_credential_connector_id_idx" ON "user_connector_credential"("connector_id");
ALTER TABLE "user_connector_credential" ADD CONSTRAINT "user_connector_credential_user_id_fkey"
    FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "user_connector_credential" ADD CONSTRAINT "user_connector_credential_connector_id_fkey"
    FOREIGN KEY ("connector_id") REFERENCES "connector_instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;
