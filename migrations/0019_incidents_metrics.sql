CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"company_id" uuid,
	"store_id" uuid,
	"details" jsonb NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incidents_kind_valid" CHECK ("incidents"."kind" in ('database_unreachable', 'database_slow', 'dead_jobs', 'stalled_batches', 'error_rate', 'latency_p99')),
	CONSTRAINT "incidents_severity_valid" CHECK ("incidents"."severity" in ('critical', 'warning'))
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_valid";--> statement-breakpoint
ALTER TABLE "dead_jobs" ADD COLUMN "dismissed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dead_jobs" ADD COLUMN "dismissed_by" uuid;--> statement-breakpoint
ALTER TABLE "dead_jobs" ADD COLUMN "dismiss_reason" text;--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_open_key" ON "incidents" USING btree ("key") WHERE "incidents"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "incidents_opened_idx" ON "incidents" USING btree ("opened_at","id");--> statement-breakpoint
CREATE INDEX "dead_jobs_waiting_idx" ON "dead_jobs" USING btree ("dead_at") WHERE "dead_jobs"."retried_at" is null and "dead_jobs"."dismissed_at" is null;--> statement-breakpoint
CREATE INDEX "transactions_created_brin" ON "transactions" USING brin ("created_at");--> statement-breakpoint
CREATE INDEX "sync_batches_started_brin" ON "sync_batches" USING brin ("started_at");--> statement-breakpoint
CREATE INDEX "sync_batches_failed_finished_idx" ON "sync_batches" USING btree ("finished_at") WHERE "sync_batches"."status" = 'failed';--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_valid" CHECK ("notifications"."kind" in ('low_stock', 'sync_problems', 'account_locked', 'shift_difference', 'report_export', 'incident', 'voids_refunds_anomaly'));