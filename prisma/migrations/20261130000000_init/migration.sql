-- Initial schema: collectivités (tenants), users, boards with their widgets, app launcher links,
-- and the table of server-side sessions (connect-pg-simple's layout).

CREATE TYPE "role" AS ENUM ('AGENT', 'ELU', 'ADMIN');

CREATE TABLE "collectivite" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "collectivite_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "collectivite_slug_key" ON "collectivite"("slug");

CREATE TABLE "app_user" (
    "id" UUID NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "collectivite_id" UUID NOT NULL,
    "display_name" TEXT NOT NULL,
    "email" TEXT,
    "groups" TEXT[],
    "role" "role" NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_login_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "app_user_issuer_subject_key" ON "app_user"("issuer", "subject");
CREATE INDEX "app_user_collectivite_id_idx" ON "app_user"("collectivite_id");
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_collectivite_id_fkey"
    FOREIGN KEY ("collectivite_id") REFERENCES "collectivite"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "board" (
    "id" UUID NOT NULL,
    "collectivite_id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "board_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "board_owner_id_idx" ON "board"("owner_id");
CREATE INDEX "board_collectivite_id_idx" ON "board"("collectivite_id");
ALTER TABLE "board" ADD CONSTRAINT "board_collectivite_id_fkey"
    FOREIGN KEY ("collectivite_id") REFERENCES "collectivite"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "board" ADD CONSTRAINT "board_owner_id_fkey"
    FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "widget_instance" (
    "id" UUID NOT NULL,
    "board_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "options" JSONB NOT NULL DEFAULT '{}',
    "layout" JSONB NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "widget_instance_pkey" PRIMARY KEY ("board_id", "id")
);
ALTER TABLE "widget_instance" ADD CONSTRAINT "widget_instance_board_id_fkey"
    FOREIGN KEY ("board_id") REFERENCES "board"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "app_link" (
    "id" UUID NOT NULL,
    "collectivite_id" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "allowed_groups" TEXT[],
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "app_link_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "app_link_collectivite_id_idx" ON "app_link"("collectivite_id");
ALTER TABLE "app_link" ADD CONSTRAINT "app_link_collectivite_id_fkey"
    FOREIGN KEY ("collectivite_id") REFERENCES "collectivite"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Server-side sessions, in the layout connect-pg-simple expects. Not a Prisma model: only the
-- session store reads and writes it.
CREATE TABLE "session" (
    "sid" VARCHAR NOT NULL COLLATE "default",
    "sess" JSON NOT NULL,
    "expire" TIMESTAMP(6) NOT NULL,
    CONSTRAINT "session_pkey" PRIMARY KEY ("sid")
);
CREATE INDEX "IDX_session_expire" ON "session" ("expire");
