ALTER TABLE "users" ADD COLUMN "call_sign" text;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_call_sign_unique" UNIQUE("call_sign");