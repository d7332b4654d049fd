CREATE TABLE "report_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"type" text NOT NULL,
	"format" text NOT NULL,
	"params" jsonb NOT NULL,
	"store_ids" uuid[],
	"language" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"row_count" integer,
	"size_bytes" integer,
	"object_key" text,
	"completed_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_exports_status_valid" CHECK ("report_exports"."status" in ('queued', 'building', 'ready', 'failed', 'expired')),
	CONSTRAINT "report_exports_format_valid" CHECK ("report_exports"."format" in ('csv', 'xlsx'))
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_valid";--> statement-breakpoint
ALTER TABLE "report_exports" ADD CONSTRAINT "report_exports_requested_by_fk" FOREIGN KEY ("company_id","requested_by") REFERENCES "public"."users"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_exports_company_created_idx" ON "report_exports" USING btree ("company_id","created_at","id");--> statement-breakpoint
CREATE INDEX "report_exports_expires_idx" ON "report_exports" USING btree ("expires_at") WHERE "report_exports"."status" = 'ready';--> statement-breakpoint
CREATE INDEX "report_exports_queued_idx" ON "report_exports" USING btree ("updated_at") WHERE "report_exports"."status" = 'queued';--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_valid" CHECK ("notifications"."kind" in ('low_stock', 'sync_problems', 'account_locked', 'shift_difference', 'report_export'));