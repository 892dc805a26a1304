-- Each collectivité's look: a primary colour and a logo (issue #13, point 4).
ALTER TABLE "collectivite" ADD COLUMN "primary_color" TEXT;
-- Launcher links are now edited by administrators: provisioned links are created once only.
ALTER TABLE "collectivite" ADD COLUMN "app_links_provisioned" BOOLEAN NOT NULL DEFAULT false;
UPDATE "collectivite" SET "app_links_provisioned" = true
  WHERE EXISTS (SELECT 1 FROM "app_link" WHERE "app_link"."collectivite_id" = "collectivite"."id");

CREATE TABLE "collectivite_logo" (
    "collectivite_id" UUID NOT NULL,
    "content_type" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "collectivite_logo_pkey" PRIMARY KEY ("collectivite_id")
);

ALTER TABLE "collectivite_logo" ADD CONSTRAINT "collectivite_logo_collectivite_id_fkey" FOREIGN KEY ("collectivite_id") REFERENCES "collectivite"("id") ON DELETE CASCADE ON UPDATE CASCADE;
