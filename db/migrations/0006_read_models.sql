CREATE TABLE `case_states` (
	`custody_ref` text PRIMARY KEY NOT NULL,
	`arrival_suite_id` text NOT NULL,
	`suite_id` text NOT NULL,
	`region` text NOT NULL,
	`nationality` text NOT NULL,
	`relevant_time` integer NOT NULL,
	`arrival_day` text NOT NULL,
	`arrival_hour_of_week` integer NOT NULL,
	`high_harm` integer NOT NULL,
	`check_at` integer,
	`check_mode` text,
	`check_outcome` text,
	`minutes_to_check` integer,
	`released_at` integer,
	`release_day` text,
	`disposal` text,
	`non_attendance_reason` text,
	`decision` text,
	`decision_at` integer,
	`decision_day` text,
	`decision_officer_id` text,
	`etd_required` integer NOT NULL,
	`etd_applied` integer NOT NULL,
	`outcome` text,
	`outcome_at` integer,
	`outcome_day` text,
	`case_json` text NOT NULL,
	`as_of_seq` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `case_states_arrival` ON `case_states` (`arrival_day`,`arrival_suite_id`,`minutes_to_check`);--> statement-breakpoint
CREATE INDEX `case_states_release` ON `case_states` (`release_day`,`suite_id`);--> statement-breakpoint
CREATE INDEX `case_states_decision` ON `case_states` (`decision_day`,`suite_id`);--> statement-breakpoint
CREATE INDEX `case_states_outcome` ON `case_states` (`outcome_day`,`suite_id`);--> statement-breakpoint
CREATE INDEX `case_states_region` ON `case_states` (`region`,`arrival_day`);--> statement-breakpoint
CREATE INDEX `case_states_relevant_time` ON `case_states` (`relevant_time`,`custody_ref`);--> statement-breakpoint
CREATE TABLE `read_model_positions` (
	`name` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `read_model_positions` (`name`, `seq`) VALUES ('case_states', 0);
