-- The collectivité's SIREN: a ProConnect sign-in gives the person's SIRET, whose first nine digits name it.
ALTER TABLE "collectivite" ADD COLUMN "siren" TEXT;
CREATE UNIQUE INDEX "collectivite_siren_key" ON "collectivite"("siren");
