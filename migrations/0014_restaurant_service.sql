CREATE TABLE "bill_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"bill_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"product_name" text NOT NULL,
	"variant_name" text NOT NULL,
	"station" text,
	"quantity" integer NOT NULL,
	"modifiers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"added_by" uuid NOT NULL,
	"round" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" uuid,
	"removal_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bill_items_quantity_positive" CHECK ("bill_items"."quantity" > 0),
	CONSTRAINT "bill_items_status_valid" CHECK ("bill_items"."status" in ('active', 'removed', 'voided')),
	CONSTRAINT "bill_items_removal_complete" CHECK (("bill_items"."status" = 'active') = ("bill_items"."removed_at" is null))
);
--> statement-breakpoint
CREATE TABLE "bills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"table_id" uuid,
	"name" text,
	"guests" integer,
	"note" text,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_by" uuid NOT NULL,
	"opened_device_key" text,
	"rounds" integer DEFAULT 0 NOT NULL,
	"sale_id" uuid,
	"merged_into" uuid,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"cancel_reason" text,
	"request_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"sync_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	CONSTRAINT "bills_company_id_key" UNIQUE("company_id","id"),
	CONSTRAINT "bills_status_valid" CHECK ("bills"."status" in ('open', 'settled', 'cancelled', 'merged')),
	CONSTRAINT "bills_named" CHECK ("bills"."table_id" is not null or "bills"."name" is not null),
	CONSTRAINT "bills_settled_sale" CHECK (("bills"."status" = 'settled') = ("bills"."sale_id" is not null)),
	CONSTRAINT "bills_guests_positive" CHECK ("bills"."guests" is null or "bills"."guests" > 0)
);
--> statement-breakpoint
CREATE TABLE "dining_tables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"name" text NOT NULL,
	"area" text,
	"capacity" integer,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"sync_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	CONSTRAINT "dining_tables_company_id_key" UNIQUE("company_id","id"),
	CONSTRAINT "dining_tables_capacity_positive" CHECK ("dining_tables"."capacity" is null or "dining_tables"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "kitchen_tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"bill_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"round" integer,
	"station" text,
	"lines" jsonb NOT NULL,
	"reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kitchen_tickets_kind_valid" CHECK ("kitchen_tickets"."kind" in ('order', 'void')),
	CONSTRAINT "kitchen_tickets_round_of_orders" CHECK (("kitchen_tickets"."kind" = 'order') = ("kitchen_tickets"."round" is not null))
);
--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "kitchen_station" text;--> statement-breakpoint
ALTER TABLE "bill_items" ADD CONSTRAINT "bill_items_bill_fk" FOREIGN KEY ("company_id","bill_id") REFERENCES "public"."bills"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_items" ADD CONSTRAINT "bill_items_variant_fk" FOREIGN KEY ("company_id","variant_id") REFERENCES "public"."product_variants"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_items" ADD CONSTRAINT "bill_items_added_by_fk" FOREIGN KEY ("company_id","added_by") REFERENCES "public"."users"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_items" ADD CONSTRAINT "bill_items_removed_by_fk" FOREIGN KEY ("company_id","removed_by") REFERENCES "public"."users"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_table_fk" FOREIGN KEY ("company_id","table_id") REFERENCES "public"."dining_tables"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_opened_by_fk" FOREIGN KEY ("company_id","opened_by") REFERENCES "public"."users"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_closed_by_fk" FOREIGN KEY ("company_id","closed_by") REFERENCES "public"."users"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_sale_fk" FOREIGN KEY ("company_id","sale_id") REFERENCES "public"."transactions"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dining_tables" ADD CONSTRAINT "dining_tables_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kitchen_tickets" ADD CONSTRAINT "kitchen_tickets_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kitchen_tickets" ADD CONSTRAINT "kitchen_tickets_bill_fk" FOREIGN KEY ("company_id","bill_id") REFERENCES "public"."bills"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kitchen_tickets" ADD CONSTRAINT "kitchen_tickets_created_by_fk" FOREIGN KEY ("company_id","created_by") REFERENCES "public"."users"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bill_items_company_bill_idx" ON "bill_items" USING btree ("company_id","bill_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bills_open_per_table" ON "bills" USING btree ("company_id","table_id") WHERE "bills"."status" = 'open' and "bills"."table_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "bills_sale_key" ON "bills" USING btree ("company_id","sale_id") WHERE "bills"."sale_id" is not null;--> statement-breakpoint
CREATE INDEX "bills_company_store_status_idx" ON "bills" USING btree ("company_id","store_id","status");--> statement-breakpoint
CREATE INDEX "bills_company_sync_xid_idx" ON "bills" USING btree ("company_id","sync_xid");--> statement-breakpoint
CREATE UNIQUE INDEX "dining_tables_store_name_live_key" ON "dining_tables" USING btree ("company_id","store_id",lower("name")) WHERE "dining_tables"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "dining_tables_company_sync_xid_idx" ON "dining_tables" USING btree ("company_id","sync_xid");--> statement-breakpoint
CREATE INDEX "kitchen_tickets_company_bill_idx" ON "kitchen_tickets" USING btree ("company_id","bill_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kitchen_tickets_request_station_key" ON "kitchen_tickets" USING btree ("company_id","request_id",coalesce("station", ''));--> statement-breakpoint
-- Tables and bills reach the devices in the delta (feed types `table`, `bill`), so a change moves sync_xid.
CREATE TRIGGER "dining_tables_sync_touch" BEFORE UPDATE ON "dining_tables" FOR EACH ROW EXECUTE FUNCTION "sync_touch"();
--> statement-breakpoint
CREATE TRIGGER "bills_sync_touch" BEFORE UPDATE ON "bills" FOR EACH ROW EXECUTE FUNCTION "sync_touch"();
