-- Indicators with history (issue 11): a number read once per period from a source of the
-- indicator registry, and its snapshots (one per indicator and period, whatever the instances).
CREATE TABLE "indicator" (
    "id" UUID NOT NULL,
    "collectivite_id" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "unit" TEXT,
    "source_kind" TEXT NOT NULL,
    "source_params" JSONB NOT NULL DEFAULT '{}',
    "period" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "thresholds" JSONB NOT NULL DEFAULT '{}',
    "next_run_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "indicator_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_collectivite_id_fkey" FOREIGN KEY ("collectivite_id") REFERENCES "collectivite"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "indicator_collectivite_id_idx" ON "indicator"("collectivite_id");
CREATE INDEX "indicator_next_run_at_idx" ON "indicator"("next_run_at");

CREATE TABLE "indicator_snapshot" (
    "indicator_id" UUID NOT NULL,
    "period_start" TIMESTAMP(3) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "taken_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "indicator_snapshot_pkey" PRIMARY KEY ("indicator_id", "period_start")
);
ALTER TABLE "indicator_snapshot" ADD CONSTRAINT "indicator_snapshot_indicator_id_fkey" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;
