ALTER TABLE `events` ADD `custody_ref` text;--> statement-breakpoint
CREATE INDEX `events_custody_ref` ON `events` (`custody_ref`);