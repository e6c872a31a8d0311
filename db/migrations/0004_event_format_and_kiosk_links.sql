ALTER TABLE `events` ADD `format` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `kiosks` ADD `enrol_expires_at` integer;--> statement-breakpoint
ALTER TABLE `kiosks` ADD `enrolled_at` integer;