CREATE TABLE "modifier_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"name" text NOT NULL,
	"min_selections" integer DEFAULT 0 NOT NULL,
	"max_selections" integer DEFAULT 1 NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"sync_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	CONSTRAINT "modifier_groups_company_id_key" UNIQUE("company_id","id"),
	CONSTRAINT "modifier_groups_selections_valid" CHECK ("modifier_groups"."min_selections" >= 0 and "modifier_groups"."max_selections" >= 1 and "modifier_groups"."min_selections" <= "modifier_groups"."max_selections")
);
--> statement-breakpoint
CREATE TABLE "modifier_options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"name" text NOT NULL,
	"price_delta" bigint DEFAULT 0 NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"stock_variant_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"sync_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	CONSTRAINT "modifier_options_company_id_key" UNIQUE("company_id","id"),
	CONSTRAINT "modifier_options_price_delta_non_negative" CHECK ("modifier_options"."price_delta" >= 0)
);
--> statement-breakpoint
CREATE TABLE "modifier_price_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"option_id" uuid NOT NULL,
	"store_id" uuid,
	"old_delta" bigint,
	"new_delta" bigint,
	"changed_by" uuid,
	"effective_from" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "modifier_price_history_new_delta_non_negative" CHECK ("modifier_price_history"."new_delta" is null or "modifier_price_history"."new_delta" >= 0)
);
--> statement-breakpoint
CREATE TABLE "product_modifier_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"sync_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "store_modifier_prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"option_id" uuid NOT NULL,
	"price_delta" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"sync_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	CONSTRAINT "store_modifier_prices_delta_non_negative" CHECK ("store_modifier_prices"."price_delta" >= 0)
);
--> statement-breakpoint
ALTER TABLE "transaction_items" DROP CONSTRAINT "transaction_items_amounts_non_negative";--> statement-breakpoint
ALTER TABLE "transaction_items" ADD COLUMN "modifiers" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "transaction_items" ADD COLUMN "modifier_unit_total" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "modifier_groups" ADD CONSTRAINT "modifier_groups_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "modifier_options" ADD CONSTRAINT "modifier_options_group_fk" FOREIGN KEY ("company_id","group_id") REFERENCES "public"."modifier_groups"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "modifier_options" ADD CONSTRAINT "modifier_options_stock_variant_fk" FOREIGN KEY ("company_id","stock_variant_id") REFERENCES "public"."product_variants"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "modifier_price_history" ADD CONSTRAINT "modifier_price_history_option_fk" FOREIGN KEY ("company_id","option_id") REFERENCES "public"."modifier_options"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "modifier_price_history" ADD CONSTRAINT "modifier_price_history_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "modifier_price_history" ADD CONSTRAINT "modifier_price_history_changed_by_fk" FOREIGN KEY ("company_id","changed_by") REFERENCES "public"."users"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_modifier_groups" ADD CONSTRAINT "product_modifier_groups_product_fk" FOREIGN KEY ("company_id","product_id") REFERENCES "public"."products"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_modifier_groups" ADD CONSTRAINT "product_modifier_groups_group_fk" FOREIGN KEY ("company_id","group_id") REFERENCES "public"."modifier_groups"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_modifier_prices" ADD CONSTRAINT "store_modifier_prices_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_modifier_prices" ADD CONSTRAINT "store_modifier_prices_option_fk" FOREIGN KEY ("company_id","option_id") REFERENCES "public"."modifier_options"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "modifier_groups_company_sync_xid_idx" ON "modifier_groups" USING btree ("company_id","sync_xid");--> statement-breakpoint
CREATE INDEX "modifier_options_company_group_idx" ON "modifier_options" USING btree ("company_id","group_id");--> statement-breakpoint
CREATE INDEX "modifier_options_company_sync_xid_idx" ON "modifier_options" USING btree ("company_id","sync_xid");--> statement-breakpoint
CREATE INDEX "modifier_price_history_company_option_idx" ON "modifier_price_history" USING btree ("company_id","option_id","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "product_modifier_groups_live_key" ON "product_modifier_groups" USING btree ("company_id","product_id","group_id") WHERE "product_modifier_groups"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "product_modifier_groups_company_sync_xid_idx" ON "product_modifier_groups" USING btree ("company_id","sync_xid");--> statement-breakpoint
CREATE UNIQUE INDEX "store_modifier_prices_live_key" ON "store_modifier_prices" USING btree ("company_id","store_id","option_id") WHERE "store_modifier_prices"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "store_modifier_prices_company_sync_xid_idx" ON "store_modifier_prices" USING btree ("company_id","sync_xid");--> statement-breakpoint
ALTER TABLE "transaction_items" ADD CONSTRAINT "transaction_items_amounts_non_negative" CHECK ("transaction_items"."unit_price" >= 0 and "transaction_items"."line_discount" >= 0 and "transaction_items"."line_total" >= 0 and "transaction_items"."tax_amount" >= 0 and "transaction_items"."modifier_unit_total" >= 0);
--> statement-breakpoint
-- Modifier groups, options, product attachments and store deltas reach the tills in the delta.
CREATE TRIGGER "modifier_groups_sync_touch" BEFORE UPDATE ON "modifier_groups" FOR EACH ROW EXECUTE FUNCTION "sync_touch"();
--> statement-breakpoint
CREATE TRIGGER "modifier_options_sync_touch" BEFORE UPDATE ON "modifier_options" FOR EACH ROW EXECUTE FUNCTION "sync_touch"();
--> statement-breakpoint
CREATE TRIGGER "product_modifier_groups_sync_touch" BEFORE UPDATE ON "product_modifier_groups" FOR EACH ROW EXECUTE FUNCTION "sync_touch"();
--> statement-breakpoint
CREATE TRIGGER "store_modifier_prices_sync_touch" BEFORE UPDATE ON "store_modifier_prices" FOR EACH ROW EXECUTE FUNCTION "sync_touch"();
