PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_checkpoints` (
	`seq` integer PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`state` blob NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_checkpoints`("seq", "created_at", "state") SELECT "seq", "created_at", "state" FROM `checkpoints`;--> statement-breakpoint
DROP TABLE `checkpoints`;--> statement-breakpoint
ALTER TABLE `__new_checkpoints` RENAME TO `checkpoints`;--> statement-breakpoint
PRAGMA foreign_keys=ON;