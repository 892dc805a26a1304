-- The interface language each person chose (issue 13): null until they choose, then 'fr' or 'en'.
ALTER TABLE "app_user" ADD COLUMN "language" TEXT;
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_language_known" CHECK ("language" IN ('fr', 'en'));
