CREATE TABLE "sale_counters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"last_number" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sale_counters_positive" CHECK ("sale_counters"."last_number" > 0)
);
--> statement-breakpoint
ALTER TABLE "sale_counters" ADD CONSTRAINT "sale_counters_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sale_counters_company_store_date_key" ON "sale_counters" USING btree ("company_id","store_id","business_date");