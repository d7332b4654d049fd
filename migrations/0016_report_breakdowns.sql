CREATE TABLE "daily_item_sales" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"variant_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"gross" bigint NOT NULL,
	"discounts" bigint NOT NULL,
	"net" bigint NOT NULL,
	"cost" bigint NOT NULL,
	"uncosted_quantity" integer NOT NULL,
	"refunded_quantity" integer NOT NULL,
	"refunds_amount" bigint NOT NULL,
	"voided_quantity" integer NOT NULL,
	"voids_amount" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "daily_option_sales" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"option_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"gross" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "daily_payment_sales" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"method" text NOT NULL,
	"payments_count" integer NOT NULL,
	"amount" bigint NOT NULL,
	"refunds_count" integer NOT NULL,
	"refunds_amount" bigint NOT NULL,
	"voids_count" integer NOT NULL,
	"voids_amount" bigint NOT NULL,
	"net" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "daily_sales_breakdowns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"dimension" text NOT NULL,
	"key" text NOT NULL,
	"sales_count" integer NOT NULL,
	"gross" bigint NOT NULL,
	"discounts" bigint NOT NULL,
	"sales_total" bigint NOT NULL,
	"refunds_count" integer NOT NULL,
	"refunds_amount" bigint NOT NULL,
	"voids_count" integer NOT NULL,
	"voids_amount" bigint NOT NULL,
	"net" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "daily_sales_breakdowns_dimension_valid" CHECK ("daily_sales_breakdowns"."dimension" in ('hour', 'cashier', 'device', 'shift'))
);
--> statement-breakpoint
CREATE TABLE "daily_tax_sales" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"tax_regime" text NOT NULL,
	"tax_rate_basis_points" integer NOT NULL,
	"sales_count" integer NOT NULL,
	"tax_base" bigint NOT NULL,
	"service_charge" bigint NOT NULL,
	"tax" bigint NOT NULL,
	"sales_total" bigint NOT NULL,
	"voids_count" integer NOT NULL,
	"voids_tax_base" bigint NOT NULL,
	"voids_service_charge" bigint NOT NULL,
	"voids_tax" bigint NOT NULL,
	"voids_total" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "transaction_items" DROP CONSTRAINT "transaction_items_amounts_non_negative";--> statement-breakpoint
ALTER TABLE "transactions" DROP CONSTRAINT "transactions_amounts_non_negative";--> statement-breakpoint
ALTER TABLE "transaction_items" ADD COLUMN "order_discount_share" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "tax_base" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "void_approved_by" uuid;--> statement-breakpoint
ALTER TABLE "daily_item_sales" ADD CONSTRAINT "daily_item_sales_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_option_sales" ADD CONSTRAINT "daily_option_sales_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_payment_sales" ADD CONSTRAINT "daily_payment_sales_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_sales_breakdowns" ADD CONSTRAINT "daily_sales_breakdowns_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_tax_sales" ADD CONSTRAINT "daily_tax_sales_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "daily_item_sales_key" ON "daily_item_sales" USING btree ("company_id","store_id","business_date","variant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "daily_option_sales_key" ON "daily_option_sales" USING btree ("company_id","store_id","business_date","option_id");--> statement-breakpoint
CREATE UNIQUE INDEX "daily_payment_sales_key" ON "daily_payment_sales" USING btree ("company_id","store_id","business_date","method");--> statement-breakpoint
CREATE UNIQUE INDEX "daily_sales_breakdowns_key" ON "daily_sales_breakdowns" USING btree ("company_id","store_id","business_date","dimension","key");--> statement-breakpoint
CREATE INDEX "daily_sales_breakdowns_company_dimension_date_idx" ON "daily_sales_breakdowns" USING btree ("company_id","dimension","business_date");--> statement-breakpoint
CREATE UNIQUE INDEX "daily_tax_sales_key" ON "daily_tax_sales" USING btree ("company_id","store_id","business_date","tax_regime","tax_rate_basis_points");--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_void_approved_by_fk" FOREIGN KEY ("company_id","void_approved_by") REFERENCES "public"."users"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "transactions_company_store_void_date_idx" ON "transactions" USING btree ("company_id","store_id","void_business_date") WHERE "transactions"."void_business_date" is not null;--> statement-breakpoint
ALTER TABLE "transaction_items" ADD CONSTRAINT "transaction_items_amounts_non_negative" CHECK ("transaction_items"."unit_price" >= 0 and "transaction_items"."line_discount" >= 0 and "transaction_items"."line_total" >= 0 and "transaction_items"."tax_amount" >= 0 and "transaction_items"."modifier_unit_total" >= 0 and "transaction_items"."order_discount_share" between 0 and "transaction_items"."line_total");--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_amounts_non_negative" CHECK ("transactions"."subtotal" >= 0 and "transactions"."discount_total" >= 0 and "transactions"."service_charge" >= 0 and "transactions"."tax_total" >= 0 and "transactions"."tax_base" >= 0 and "transactions"."total" >= 0 and "transactions"."paid_total" >= 0 and "transactions"."change_amount" >= 0);
--> statement-breakpoint
-- Voids already made: the approving manager, from their audit entry.
UPDATE "transactions" t SET "void_approved_by" = (a."after" -> 'authorization' ->> 'approvedBy')::uuid
FROM "audit_logs" a
WHERE a."company_id" = t."company_id" AND a."entity_type" = 'transaction' AND a."entity_id" = t."id"
  AND a."action" = 'transaction.void' AND t."status" = 'voided'
  AND a."after" -> 'authorization' ->> 'approvedBy' IS NOT NULL;
--> statement-breakpoint
-- Sales before this migration: the tax base as the pricing engine computes it when every line is
-- taxable and the service charge is taxed (the defaults); untaxed sales have none.
UPDATE "transactions" SET "tax_base" = "subtotal" - "discount_total" + "service_charge" - CASE WHEN "prices_include_tax" THEN "tax_total" ELSE 0 END
WHERE "kind" = 'sale' AND "tax_total" > 0;
--> statement-breakpoint
-- Their order discounts, spread over the lines by net (rounded down; the rest on the largest line).
WITH "lines" AS (
  SELECT i."id", i."transaction_id", i."line_total",
    t."discount_total" - sum(i."line_discount") OVER w AS "order_discount",
    sum(i."line_total") OVER w AS "net_total",
    row_number() OVER (PARTITION BY i."transaction_id" ORDER BY i."line_total" DESC, i."line_number") AS "rank"
  FROM "transaction_items" i
  JOIN "transactions" t ON t."company_id" = i."company_id" AND t."id" = i."transaction_id"
  WHERE t."kind" = 'sale' AND t."discount_total" > 0
  WINDOW w AS (PARTITION BY i."transaction_id")
), "floors" AS (
  SELECT "id", "transaction_id", "line_total", "order_discount", "rank",
    CASE WHEN "net_total" > 0 THEN "order_discount" * "line_total" / "net_total" ELSE 0 END AS "share"
  FROM "lines" WHERE "order_discount" > 0
), "shares" AS (
  SELECT "id", "line_total", "share" + CASE WHEN "rank" = 1
      THEN "order_discount" - sum("share") OVER (PARTITION BY "transaction_id") ELSE 0 END AS "share"
  FROM "floors"
)
UPDATE "transaction_items" i SET "order_discount_share" = least(s."line_total", s."share")
FROM "shares" s WHERE s."id" = i."id";
--> statement-breakpoint
-- Every day with sales gains its new breakdowns when next computed.
INSERT INTO "report_marks" ("company_id", "store_id", "business_date")
SELECT DISTINCT "company_id", "store_id", "business_date" FROM "transactions"
UNION
SELECT DISTINCT "company_id", "store_id", "void_business_date" FROM "transactions" WHERE "void_business_date" IS NOT NULL
ON CONFLICT DO NOTHING;
