-- Boards the collectivité's administrators prepare (issue 9): versions, copies of templates,
-- widgets locked or restricted to some groups, and an audit log.

-- A template or published board: the number of its last published version, the last one that
-- changed its widgets (what copies compare with), and its priority among templates (1 first).
ALTER TABLE "board" ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "board" ADD COLUMN "content_revision" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "board" ADD COLUMN "priority" INTEGER NOT NULL DEFAULT 1;
-- A person's copy of a template: the template, the version copied or merged last, and that
-- version's widgets (the base of the three-way merge, kept here whatever the history keeps).
ALTER TABLE "board" ADD COLUMN "template_id" UUID;
ALTER TABLE "board" ADD COLUMN "template_revision" INTEGER;
ALTER TABLE "board" ADD COLUMN "template_base" JSONB;
ALTER TABLE "board" ADD CONSTRAINT "board_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "board"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "board" ADD CONSTRAINT "board_template_copy_personal" CHECK ("template_id" IS NULL OR "kind" = 'PERSONAL');
CREATE INDEX "board_template_id_idx" ON "board"("template_id");

-- Set by a template on its widgets: locked (people cannot move nor remove it on their copy) and
-- an audience (groups that may see it; empty: everyone who sees the board).
ALTER TABLE "widget_instance" ADD COLUMN "locked" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "widget_instance" ADD COLUMN "audience" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];

-- The last published versions of a template or published board (the service keeps 20).
CREATE TABLE "board_revision" (
    "board_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "audience" TEXT[] NOT NULL,
    "priority" INTEGER NOT NULL,
    "widgets" JSONB NOT NULL,
    "restored_from" INTEGER,
    "author_id" UUID,
    "author_name" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "board_revision_pkey" PRIMARY KEY ("board_id", "number")
);
ALTER TABLE "board_revision" ADD CONSTRAINT "board_revision_board_id_fkey" FOREIGN KEY ("board_id") REFERENCES "board"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "board_revision" ADD CONSTRAINT "board_revision_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A person received a copy of a template once: deleting it does not bring it back unasked.
CREATE TABLE "template_receipt" (
    "user_id" UUID NOT NULL,
    "template_id" UUID NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "template_receipt_pkey" PRIMARY KEY ("user_id", "template_id")
);
ALTER TABLE "template_receipt" ADD CONSTRAINT "template_receipt_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "template_receipt" ADD CONSTRAINT "template_receipt_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "board"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "template_receipt_template_id_idx" ON "template_receipt"("template_id");

-- Who created, published, restored, imported or deleted which board of the collectivité, when.
-- Names are copied: the entry stays readable after the person or the board is gone.
CREATE TABLE "audit_event" (
    "id" UUID NOT NULL,
    "collectivite_id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "actor_id" UUID,
    "actor_name" TEXT NOT NULL,
    "board_id" UUID,
    "board_kind" "board_kind",
    "board_name" TEXT NOT NULL,
    "revision" INTEGER,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_collectivite_id_fkey" FOREIGN KEY ("collectivite_id") REFERENCES "collectivite"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "audit_event_collectivite_id_created_at_idx" ON "audit_event"("collectivite_id", "created_at" DESC);
