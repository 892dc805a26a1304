-- Declarative data sources (issue 11): what to read on one connector and how its answer maps.
CREATE TABLE "data_source" (
    "id" UUID NOT NULL,
    "collectivite_id" UUID NOT NULL,
    "connector_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_source_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "data_source_collectivite_id_name_key" ON "data_source"("collectivite_id", "name");
CREATE INDEX "data_source_connector_id_idx" ON "data_source"("connector_id");
ALTER TABLE "data_source" ADD CONSTRAINT "data_source_collectivite_id_fkey" FOREIGN KEY ("collectivite_id") REFERENCES "collectivite"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "data_source" ADD CONSTRAINT "data_source_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connector_instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The person's matricule (claim `employeeNumber`), which time-management services identify them by.
ALTER TABLE "app_user" ADD COLUMN "employee_number" TEXT;
