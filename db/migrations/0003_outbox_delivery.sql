-- Outbox delivery: a 'sending' state under a lease, why a row failed, and the unique indexes that
-- keep reminders and announcement notices from being written twice. The new enum value
-- cannot be used in the transaction that adds it, so nothing below refers to it.
ALTER TYPE "public"."outbox_status" ADD VALUE 'sending' BEFORE 'sent';--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "lease_expires_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_booking_reminder_key" ON "notifications" USING btree ("booking_id") WHERE "notifications"."kind" = 'booking_reminder';--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_announcement_user_key" ON "notifications" USING btree ("announcement_id","user_id") WHERE "notifications"."announcement_id" is not null;--> statement-breakpoint
CREATE INDEX "outbox_lease_idx" ON "outbox" USING btree ("lease_expires_at") WHERE "outbox"."lease_expires_at" is not null;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_failed_check" CHECK ("outbox"."status" <> 'failed' or "outbox"."last_error" is not null);