CREATE TABLE "dead_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" text NOT NULL,
	"queue" text NOT NULL,
	"type" text,
	"company_id" uuid,
	"payload" jsonb NOT NULL,
	"error" text,
	"attempts" integer NOT NULL,
	"dead_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retried_at" timestamp with time zone,
	"retried_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "dead_jobs_message_key" ON "dead_jobs" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "dead_jobs_dead_at_idx" ON "dead_jobs" USING btree ("dead_at","id");