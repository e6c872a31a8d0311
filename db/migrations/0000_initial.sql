CREATE TABLE `checkpoints` (
	`seq` integer PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`state` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`at` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	`actor` text NOT NULL,
	`source` text NOT NULL,
	`source_event_id` text,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_source_event` ON `events` (`source`,`source_event_id`);--> statement-breakpoint
CREATE INDEX `events_type_at` ON `events` (`type`,`at`);--> statement-breakpoint
CREATE TABLE `officers` (
	`id` text PRIMARY KEY NOT NULL,
	`role` text NOT NULL,
	`region` text NOT NULL,
	`home_suite_id` text,
	`base_lat` real NOT NULL,
	`base_lng` real NOT NULL,
	FOREIGN KEY (`home_suite_id`) REFERENCES `suites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `suites` (
	`id` text PRIMARY KEY NOT NULL,
	`region` text NOT NULL,
	`name` text NOT NULL,
	`note` text,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`cells` integer,
	`open_at_start` integer NOT NULL,
	`source` text NOT NULL
);
