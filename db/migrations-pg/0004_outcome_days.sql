ALTER TABLE "case_states" ADD COLUMN "papers_served_day" text;--> statement-breakpoint
ALTER TABLE "case_states" ADD COLUMN "detained_day" text;--> statement-breakpoint
ALTER TABLE "case_states" ADD COLUMN "removed_day" text;--> statement-breakpoint
ALTER TABLE "case_states" ADD COLUMN "no_further_action_day" text;--> statement-breakpoint
-- Rows written before these columns lack them, and a row only moves forward in the log: fold every case again from the log on the next start (the backfill).
DELETE FROM "case_states";--> statement-breakpoint
UPDATE "read_model_positions" SET "seq" = 0 WHERE "name" = 'case_states';