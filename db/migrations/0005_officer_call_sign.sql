ALTER TABLE `users` ADD `call_sign` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_call_sign_unique` ON `users` (`call_sign`);