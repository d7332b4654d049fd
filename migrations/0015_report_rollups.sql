CREATE TABLE "daily_store_sales" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"sales_count" integer NOT NULL,
	"gross" bigint NOT NULL,
	"discounts" bigint NOT NULL,
	"service_charge" bigint NOT NULL,
	"tax" bigint NOT NULL,
	"rounding" bigint NOT NULL,
	"sales_total" bigint NOT NULL,
	"change_given" bigint NOT NULL,
	"refunds_count" integer NOT NULL,
	"refunds_amount" bigint NOT NULL,
	"voids_count" integer NOT NULL,
	"voids_amount" bigint NOT NULL,
	"net" bigint NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_marks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "transaction_items" ADD COLUMN "unit_cost" bigint;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "void_business_date" date;--> statement-breakpoint
ALTER TABLE "daily_store_sales" ADD CONSTRAINT "daily_store_sales_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_marks" ADD CONSTRAINT "report_marks_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "daily_store_sales_day_key" ON "daily_store_sales" USING btree ("company_id","store_id","business_date");--> statement-breakpoint
CREATE INDEX "daily_store_sales_company_date_idx" ON "daily_store_sales" USING btree ("company_id","business_date");--> statement-breakpoint
CREATE INDEX "daily_store_sales_business_date_idx" ON "daily_store_sales" USING btree ("business_date");--> statement-breakpoint
CREATE UNIQUE INDEX "report_marks_day_key" ON "report_marks" USING btree ("company_id","store_id","business_date");--> statement-breakpoint
CREATE INDEX "report_marks_marked_idx" ON "report_marks" USING btree ("marked_at");--> statement-breakpoint
-- Voids already made count on the store-local date of their void (the cut-off hour applied).
UPDATE "transactions" t SET "void_business_date" = ((t."voided_at" AT TIME ZONE s."timezone") - make_interval(hours => s."business_day_cutoff_hour"))::date
FROM "stores" s
WHERE s."company_id" = t."company_id" AND s."id" = t."store_id" AND t."status" = 'voided' AND t."voided_at" IS NOT NULL;
--> statement-breakpoint
-- Every day that already has sales is behind its (empty) rollups until computed once.
INSERT INTO "report_marks" ("company_id", "store_id", "business_date")
SELECT DISTINCT "company_id", "store_id", "business_date" FROM "transactions"
UNION
SELECT DISTINCT "company_id", "store_id", "void_business_date" FROM "transactions" WHERE "void_business_date" IS NOT NULL
ON CONFLICT DO NOTHING;
