DROP INDEX "case_states_region";--> statement-breakpoint
DROP INDEX "case_states_release";--> statement-breakpoint
DROP INDEX "case_states_decision";--> statement-breakpoint
DROP INDEX "case_states_outcome";--> statement-breakpoint
CREATE INDEX "case_states_high_harm" ON "case_states" USING btree ("arrival_day","high_harm","suite_id","region");--> statement-breakpoint
CREATE INDEX "case_states_release" ON "case_states" USING btree ("release_day","non_attendance_reason","suite_id","region");--> statement-breakpoint
CREATE INDEX "case_states_decision" ON "case_states" USING btree ("decision_day","etd_required","suite_id","region","decision_officer_id","etd_applied");--> statement-breakpoint
CREATE INDEX "case_states_outcome" ON "case_states" USING btree ("outcome_day","outcome","suite_id","region");