-- Boards that belong to the collectivité: besides a person's own board (PERSONAL, with an owner),
-- templates its administrators prepare for an audience (TEMPLATE) and boards they publish to one
-- (PUBLISHED), both without an owner. Existing boards are personal.

CREATE TYPE "board_kind" AS ENUM ('PERSONAL', 'TEMPLATE', 'PUBLISHED');

ALTER TABLE "board" ADD COLUMN "kind" "board_kind" NOT NULL DEFAULT 'PERSONAL';
ALTER TABLE "board" ADD COLUMN "audience" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "board" ALTER COLUMN "owner_id" DROP NOT NULL;
-- A personal board has an owner, the collectivité's boards have none.
ALTER TABLE "board" ADD CONSTRAINT "board_owner_by_kind" CHECK (("kind" = 'PERSONAL') = ("owner_id" IS NOT NULL));

DROP INDEX "board_collectivite_id_idx";
CREATE INDEX "board_collectivite_id_kind_idx" ON "board"("collectivite_id", "kind");
