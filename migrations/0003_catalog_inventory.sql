-- Trigram indexes serve the catalog's text search (ILIKE '%…%' on name, SKU).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "store_prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"price" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "store_prices_price_non_negative" CHECK ("store_prices"."price" >= 0)
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"data" jsonb NOT NULL,
	"read_at" timestamp with time zone,
	"read_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_kind_valid" CHECK ("notifications"."kind" in ('low_stock'))
);
--> statement-breakpoint
ALTER TABLE "price_history" DROP CONSTRAINT "price_history_new_price_non_negative";--> statement-breakpoint
ALTER TABLE "price_history" ALTER COLUMN "new_price" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "store_prices" ADD CONSTRAINT "store_prices_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_prices" ADD CONSTRAINT "store_prices_variant_fk" FOREIGN KEY ("company_id","variant_id") REFERENCES "public"."product_variants"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_read_by_fk" FOREIGN KEY ("company_id","read_by") REFERENCES "public"."users"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "store_prices_company_store_variant_live_key" ON "store_prices" USING btree ("company_id","store_id","variant_id") WHERE "store_prices"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "store_prices_company_store_updated_idx" ON "store_prices" USING btree ("company_id","store_id","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_company_dedupe_key" ON "notifications" USING btree ("company_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_company_created_idx" ON "notifications" USING btree ("company_id","created_at","id");--> statement-breakpoint
CREATE INDEX "notifications_company_unread_idx" ON "notifications" USING btree ("company_id","created_at") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE INDEX "product_variants_sku_trgm_idx" ON "product_variants" USING gin ("sku" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "products_name_trgm_idx" ON "products" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "products_sku_trgm_idx" ON "products" USING gin ("sku" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "products_barcodes_idx" ON "products" USING gin ("barcodes");--> statement-breakpoint
ALTER TABLE "price_history" ADD CONSTRAINT "price_history_store_needs_variant" CHECK ("price_history"."store_id" is null or "price_history"."variant_id" is not null);--> statement-breakpoint
ALTER TABLE "price_history" ADD CONSTRAINT "price_history_new_price_non_negative" CHECK ("price_history"."new_price" is null or "price_history"."new_price" >= 0);