-- Connector settings per collectivité: one configured upstream application each, its secrets
-- sealed together in one SecretBox value (never stored in clear).

CREATE TABLE "connector_instance" (
    "id" UUID NOT NULL,
    "collectivite_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "auth_mode" TEXT NOT NULL,
    "options" JSONB NOT NULL DEFAULT '{}',
    "secrets" TEXT,
    "allow_private_networks" TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "connector_instance_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "connector_instance_collectivite_id_label_key" ON "connector_instance"("collectivite_id", "label");
ALTER TABLE "connector_instance" ADD CONSTRAINT "connector_instance_collectivite_id_fkey"
    FOREIGN KEY ("collectivite_id") REFERENCES "collectivite"("id") ON DELETE CASCADE ON UPDATE CASCADE;
