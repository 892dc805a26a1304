-- Several boards per person (issue 9): the order of a person's boards (their tabs), and the board
-- they chose to open on (their home board; when it is deleted, Pléiade chooses again).

ALTER TABLE "board" ADD COLUMN "position" INTEGER NOT NULL DEFAULT 0;
-- Boards already there keep the order they were created in.
UPDATE "board" AS b SET "position" = ordered.rank - 1
FROM (
  SELECT "id", row_number() OVER (PARTITION BY "owner_id" ORDER BY "created_at", "id") AS rank
  FROM "board" WHERE "owner_id" IS NOT NULL
) AS ordered
WHERE b."id" = ordered."id";
DROP INDEX "board_owner_id_idx";
CREATE INDEX "board_owner_id_position_idx" ON "board"("owner_id", "position");

ALTER TABLE "app_user" ADD COLUMN "home_board_id" UUID;
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_home_board_id_fkey" FOREIGN KEY ("home_board_id") REFERENCES "board"("id") ON DELETE SET NULL ON UPDATE CASCADE;
