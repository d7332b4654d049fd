ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_valid";--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "recipient_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_fk" FOREIGN KEY ("company_id","recipient_id") REFERENCES "public"."users"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_company_recipient_created_idx" ON "notifications" USING btree ("company_id","recipient_id","created_at") WHERE "notifications"."recipient_id" is not null;--> statement-breakpoint
CREATE INDEX "device_sessions_company_user_fingerprint_idx" ON "device_sessions" USING btree ("company_id","user_id","fingerprint_hash");--> statement-breakpoint
CREATE INDEX "refresh_tokens_company_replaces_idx" ON "refresh_tokens" USING btree ("company_id","replaces_id");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_valid" CHECK ("notifications"."kind" in ('low_stock', 'sync_problems', 'account_locked'));