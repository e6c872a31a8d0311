ALTER TABLE "events" ADD COLUMN "format" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "kiosks" ADD COLUMN "enrol_expires_at" bigint;--> statement-breakpoint
ALTER TABLE "kiosks" ADD COLUMN "enrolled_at" bigint;