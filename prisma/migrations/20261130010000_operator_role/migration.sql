-- The operator of the installation (the intercommunal IT syndicate), above collectivité administrators.
ALTER TYPE "role" ADD VALUE 'OPERATOR';
