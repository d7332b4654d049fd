CREATE TABLE "auth_throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_store_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_role_valid";--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "kind" text DEFAULT 'tenant' NOT NULL;--> statement-breakpoint
ALTER TABLE "user_store_assignments" ADD CONSTRAINT "user_store_assignments_user_fk" FOREIGN KEY ("company_id","user_id") REFERENCES "public"."users"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_store_assignments" ADD CONSTRAINT "user_store_assignments_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "user_store_assignments_company_user_store_key" ON "user_store_assignments" USING btree ("company_id","user_id","store_id");--> statement-breakpoint
CREATE INDEX "user_store_assignments_company_store_idx" ON "user_store_assignments" USING btree ("company_id","store_id");--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_kind_valid" CHECK ("companies"."kind" in ('tenant', 'platform'));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_role_valid" CHECK ("users"."role" in ('owner', 'manager', 'cashier', 'platform_admin'));