-- Banners and announcements the collectivité's administrators publish (issue 11), and the banners
-- each person closed.

CREATE TYPE "announcement_severity" AS ENUM ('INFORMATION', 'IMPORTANT', 'URGENT');
CREATE TYPE "announcement_placement" AS ENUM ('BANNER', 'WIDGET');

CREATE TABLE "announcement" (
    "id" UUID NOT NULL,
    "collectivite_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "severity" "announcement_severity" NOT NULL,
    "placement" "announcement_placement" NOT NULL,
    "audience" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "starts_at" TIMESTAMP(3) NOT NULL,
    "ends_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" TEXT NOT NULL,
    CONSTRAINT "announcement_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "announcement_window" CHECK ("ends_at" IS NULL OR "ends_at" > "starts_at")
);
ALTER TABLE "announcement" ADD CONSTRAINT "announcement_collectivite_id_fkey" FOREIGN KEY ("collectivite_id") REFERENCES "collectivite"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "announcement_collectivite_id_starts_at_idx" ON "announcement"("collectivite_id", "starts_at");

CREATE TABLE "announcement_dismissal" (
    "user_id" UUID NOT NULL,
    "announcement_id" UUID NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "announcement_dismissal_pkey" PRIMARY KEY ("user_id", "announcement_id")
);
ALTER TABLE "announcement_dismissal" ADD CONSTRAINT "announcement_dismissal_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "announcement_dismissal" ADD CONSTRAINT "announcement_dismissal_announcement_id_fkey" FOREIGN KEY ("announcement_id") REFERENCES "announcement"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "announcement_dismissal_announcement_id_idx" ON "announcement_dismissal"("announcement_id");
