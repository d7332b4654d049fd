CREATE TABLE "audit_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"actor_user_id" uuid,
	"device_session_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid,
	"before" jsonb,
	"after" jsonb,
	"request_id" text,
	"ip_address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"image_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "categories_company_id_key" UNIQUE("company_id","id"),
	CONSTRAINT "categories_not_own_parent" CHECK ("categories"."parent_id" <> "categories"."id")
);
--> statement-breakpoint
CREATE TABLE "price_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"variant_id" uuid,
	"store_id" uuid,
	"old_price" bigint,
	"new_price" bigint NOT NULL,
	"changed_by" uuid,
	"effective_from" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_history_new_price_non_negative" CHECK ("price_history"."new_price" >= 0)
);
--> statement-breakpoint
CREATE TABLE "product_variants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sku" text NOT NULL,
	"barcode" text,
	"option_values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"price_override" bigint,
	"tracks_stock" boolean DEFAULT true NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "product_variants_company_id_key" UNIQUE("company_id","id"),
	CONSTRAINT "product_variants_price_override_non_negative" CHECK ("product_variants"."price_override" is null or "product_variants"."price_override" >= 0)
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"category_id" uuid,
	"name" text NOT NULL,
	"sku" text NOT NULL,
	"barcodes" text[] DEFAULT '{}'::text[] NOT NULL,
	"unit" text DEFAULT 'pcs' NOT NULL,
	"price" bigint NOT NULL,
	"cost" bigint,
	"is_taxable" boolean DEFAULT true NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"image_url" text,
	"variant_options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "products_company_id_key" UNIQUE("company_id","id"),
	CONSTRAINT "products_price_non_negative" CHECK ("products"."price" >= 0),
	CONSTRAINT "products_cost_non_negative" CHECK ("products"."cost" is null or "products"."cost" >= 0)
);
--> statement-breakpoint
CREATE TABLE "companies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"legal_name" text,
	"npwp" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "companies_status_valid" CHECK ("companies"."status" in ('active', 'suspended'))
);
--> statement-breakpoint
CREATE TABLE "inventory_levels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"quantity" integer DEFAULT 0 NOT NULL,
	"minimum_quantity" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "inventory_levels_minimum_non_negative" CHECK ("inventory_levels"."minimum_quantity" is null or "inventory_levels"."minimum_quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"quantity_delta" integer NOT NULL,
	"reason" text,
	"reference_type" text,
	"reference_id" uuid,
	"actor_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_movements_kind_valid" CHECK ("stock_movements"."kind" in ('sale', 'void', 'refund', 'adjustment', 'receiving', 'transfer_out', 'transfer_in', 'count'))
);
--> statement-breakpoint
CREATE TABLE "receipt_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid,
	"name" text NOT NULL,
	"paper_width_mm" smallint DEFAULT 58 NOT NULL,
	"header" text DEFAULT '' NOT NULL,
	"footer" text DEFAULT 'Terima kasih' NOT NULL,
	"show_npwp" boolean DEFAULT true NOT NULL,
	"show_cashier" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "receipt_templates_paper_width" CHECK ("receipt_templates"."paper_width_mm" in (58, 80))
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"transaction_id" uuid NOT NULL,
	"method" text NOT NULL,
	"amount" bigint NOT NULL,
	"tendered" bigint,
	"change_amount" bigint DEFAULT 0 NOT NULL,
	"external_reference" text,
	"status" text DEFAULT 'completed' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_method_valid" CHECK ("payments"."method" in ('cash', 'qris', 'card', 'transfer', 'ewallet')),
	CONSTRAINT "payments_status_valid" CHECK ("payments"."status" in ('pending', 'completed', 'failed', 'refunded')),
	CONSTRAINT "payments_amount_non_negative" CHECK ("payments"."amount" >= 0 and "payments"."change_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "transaction_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"transaction_id" uuid NOT NULL,
	"line_number" integer NOT NULL,
	"variant_id" uuid NOT NULL,
	"product_name" text NOT NULL,
	"variant_name" text NOT NULL,
	"sku" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price" bigint NOT NULL,
	"list_unit_price" bigint,
	"line_discount" bigint DEFAULT 0 NOT NULL,
	"line_total" bigint NOT NULL,
	"tax_amount" bigint DEFAULT 0 NOT NULL,
	"is_taxable" boolean NOT NULL,
	"refunded_quantity" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transaction_items_quantity_positive" CHECK ("transaction_items"."quantity" > 0),
	CONSTRAINT "transaction_items_refunded_within_sold" CHECK ("transaction_items"."refunded_quantity" between 0 and "transaction_items"."quantity"),
	CONSTRAINT "transaction_items_amounts_non_negative" CHECK ("transaction_items"."unit_price" >= 0 and "transaction_items"."line_discount" >= 0 and "transaction_items"."line_total" >= 0 and "transaction_items"."tax_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"kind" text DEFAULT 'sale' NOT NULL,
	"number" text NOT NULL,
	"business_date" date NOT NULL,
	"status" text DEFAULT 'completed' NOT NULL,
	"cashier_id" uuid NOT NULL,
	"device_session_id" uuid,
	"refund_of_id" uuid,
	"client_reference" text,
	"client_created_at" timestamp with time zone,
	"request_hash" text NOT NULL,
	"tax_regime" text NOT NULL,
	"tax_rate_basis_points" integer NOT NULL,
	"service_charge_basis_points" integer NOT NULL,
	"prices_include_tax" boolean NOT NULL,
	"subtotal" bigint NOT NULL,
	"discount_total" bigint DEFAULT 0 NOT NULL,
	"service_charge" bigint DEFAULT 0 NOT NULL,
	"tax_total" bigint DEFAULT 0 NOT NULL,
	"rounding" bigint DEFAULT 0 NOT NULL,
	"total" bigint NOT NULL,
	"paid_total" bigint NOT NULL,
	"change_amount" bigint DEFAULT 0 NOT NULL,
	"note" text,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"approvals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"voided_at" timestamp with time zone,
	"voided_by" uuid,
	"void_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transactions_company_id_key" UNIQUE("company_id","id"),
	CONSTRAINT "transactions_status_valid" CHECK ("transactions"."status" in ('completed', 'voided', 'partially_refunded', 'refunded')),
	CONSTRAINT "transactions_kind_valid" CHECK ("transactions"."kind" in ('sale', 'refund')),
	CONSTRAINT "transactions_amounts_non_negative" CHECK ("transactions"."subtotal" >= 0 and "transactions"."discount_total" >= 0 and "transactions"."service_charge" >= 0 and "transactions"."tax_total" >= 0 and "transactions"."total" >= 0 and "transactions"."paid_total" >= 0 and "transactions"."change_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"phone" text,
	"timezone" text DEFAULT 'Asia/Jakarta' NOT NULL,
	"tax_regime" text DEFAULT 'none' NOT NULL,
	"tax_rate_basis_points" integer DEFAULT 0 NOT NULL,
	"service_charge_basis_points" integer DEFAULT 0 NOT NULL,
	"service_charge_taxable" boolean DEFAULT true NOT NULL,
	"prices_include_tax" boolean DEFAULT false NOT NULL,
	"cash_rounding_step" integer DEFAULT 0 NOT NULL,
	"non_cash_rounding_step" integer DEFAULT 0 NOT NULL,
	"business_day_cutoff_hour" smallint DEFAULT 0 NOT NULL,
	"allow_negative_stock" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "stores_company_id_key" UNIQUE("company_id","id"),
	CONSTRAINT "stores_code_format" CHECK ("stores"."code" ~ '^[A-Z0-9]{2,10}$'),
	CONSTRAINT "stores_timezone_valid" CHECK ("stores"."timezone" in ('Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura')),
	CONSTRAINT "stores_tax_regime_valid" CHECK ("stores"."tax_regime" in ('none', 'ppn', 'pbjt')),
	CONSTRAINT "stores_tax_rate_range" CHECK ("stores"."tax_rate_basis_points" between 0 and 10000 and ("stores"."tax_regime" <> 'none' or "stores"."tax_rate_basis_points" = 0)),
	CONSTRAINT "stores_service_charge_range" CHECK ("stores"."service_charge_basis_points" between 0 and 10000),
	CONSTRAINT "stores_cash_rounding_step" CHECK ("stores"."cash_rounding_step" in (0, 100, 500, 1000)),
	CONSTRAINT "stores_non_cash_rounding_step" CHECK ("stores"."non_cash_rounding_step" in (0, 100, 500, 1000)),
	CONSTRAINT "stores_cutoff_hour_range" CHECK ("stores"."business_day_cutoff_hour" between 0 and 23)
);
--> statement-breakpoint
CREATE TABLE "sync_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"device_session_id" uuid,
	"status" text DEFAULT 'processing' NOT NULL,
	"received_count" integer DEFAULT 0 NOT NULL,
	"accepted_count" integer DEFAULT 0 NOT NULL,
	"duplicate_count" integer DEFAULT 0 NOT NULL,
	"rejected_count" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_batches_status_valid" CHECK ("sync_batches"."status" in ('processing', 'completed', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "sync_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid,
	"batch_id" uuid,
	"device_session_id" uuid,
	"kind" text NOT NULL,
	"entity_type" text,
	"entity_id" uuid,
	"code" text,
	"message" text,
	"details" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"fingerprint_hash" text NOT NULL,
	"device_name" text NOT NULL,
	"platform" text NOT NULL,
	"user_agent" text,
	"ip_address" text,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "device_sessions_company_id_key" UNIQUE("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"device_session_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"replaces_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"rotated_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"pin_hash" text,
	"permissions_granted" text[] DEFAULT '{}'::text[] NOT NULL,
	"permissions_revoked" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "users_company_id_key" UNIQUE("company_id","id"),
	CONSTRAINT "users_role_valid" CHECK ("users"."role" in ('owner', 'manager', 'cashier')),
	CONSTRAINT "users_email_lowercase" CHECK ("users"."email" = lower("users"."email")),
	CONSTRAINT "users_has_login" CHECK ("users"."email" is not null or "users"."phone" is not null)
);
--> statement-breakpoint
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_parent_fk" FOREIGN KEY ("company_id","parent_id") REFERENCES "public"."categories"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_history" ADD CONSTRAINT "price_history_product_fk" FOREIGN KEY ("company_id","product_id") REFERENCES "public"."products"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_history" ADD CONSTRAINT "price_history_variant_fk" FOREIGN KEY ("company_id","variant_id") REFERENCES "public"."product_variants"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_history" ADD CONSTRAINT "price_history_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_history" ADD CONSTRAINT "price_history_changed_by_fk" FOREIGN KEY ("company_id","changed_by") REFERENCES "public"."users"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_variants" ADD CONSTRAINT "product_variants_product_fk" FOREIGN KEY ("company_id","product_id") REFERENCES "public"."products"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_category_fk" FOREIGN KEY ("company_id","category_id") REFERENCES "public"."categories"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_levels" ADD CONSTRAINT "inventory_levels_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_levels" ADD CONSTRAINT "inventory_levels_variant_fk" FOREIGN KEY ("company_id","variant_id") REFERENCES "public"."product_variants"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_variant_fk" FOREIGN KEY ("company_id","variant_id") REFERENCES "public"."product_variants"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_actor_fk" FOREIGN KEY ("company_id","actor_user_id") REFERENCES "public"."users"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipt_templates" ADD CONSTRAINT "receipt_templates_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipt_templates" ADD CONSTRAINT "receipt_templates_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_transaction_fk" FOREIGN KEY ("company_id","transaction_id") REFERENCES "public"."transactions"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transaction_items" ADD CONSTRAINT "transaction_items_transaction_fk" FOREIGN KEY ("company_id","transaction_id") REFERENCES "public"."transactions"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transaction_items" ADD CONSTRAINT "transaction_items_variant_fk" FOREIGN KEY ("company_id","variant_id") REFERENCES "public"."product_variants"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_cashier_fk" FOREIGN KEY ("company_id","cashier_id") REFERENCES "public"."users"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_device_session_fk" FOREIGN KEY ("company_id","device_session_id") REFERENCES "public"."device_sessions"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_refund_of_fk" FOREIGN KEY ("company_id","refund_of_id") REFERENCES "public"."transactions"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stores" ADD CONSTRAINT "stores_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_batches" ADD CONSTRAINT "sync_batches_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_batches" ADD CONSTRAINT "sync_batches_device_session_fk" FOREIGN KEY ("company_id","device_session_id") REFERENCES "public"."device_sessions"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_events" ADD CONSTRAINT "sync_events_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_sessions" ADD CONSTRAINT "device_sessions_user_fk" FOREIGN KEY ("company_id","user_id") REFERENCES "public"."users"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_device_session_fk" FOREIGN KEY ("company_id","device_session_id") REFERENCES "public"."device_sessions"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_logs_company_created_idx" ON "audit_logs" USING btree ("company_id","created_at","id");--> statement-breakpoint
CREATE INDEX "audit_logs_company_entity_idx" ON "audit_logs" USING btree ("company_id","entity_type","entity_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_logs_company_actor_idx" ON "audit_logs" USING btree ("company_id","actor_user_id","created_at");--> statement-breakpoint
CREATE INDEX "categories_company_parent_idx" ON "categories" USING btree ("company_id","parent_id","sort_order");--> statement-breakpoint
CREATE INDEX "categories_company_updated_idx" ON "categories" USING btree ("company_id","updated_at");--> statement-breakpoint
CREATE INDEX "price_history_company_variant_store_effective_idx" ON "price_history" USING btree ("company_id","variant_id","store_id","effective_from");--> statement-breakpoint
CREATE INDEX "price_history_company_product_effective_idx" ON "price_history" USING btree ("company_id","product_id","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "product_variants_company_sku_live_key" ON "product_variants" USING btree ("company_id","sku") WHERE "product_variants"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "product_variants_company_product_idx" ON "product_variants" USING btree ("company_id","product_id");--> statement-breakpoint
CREATE INDEX "product_variants_company_barcode_idx" ON "product_variants" USING btree ("company_id","barcode");--> statement-breakpoint
CREATE INDEX "product_variants_company_updated_idx" ON "product_variants" USING btree ("company_id","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "products_company_sku_live_key" ON "products" USING btree ("company_id","sku") WHERE "products"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "products_company_category_idx" ON "products" USING btree ("company_id","category_id");--> statement-breakpoint
CREATE INDEX "products_company_updated_idx" ON "products" USING btree ("company_id","updated_at");--> statement-breakpoint
CREATE INDEX "companies_created_at_idx" ON "companies" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_levels_company_store_variant_key" ON "inventory_levels" USING btree ("company_id","store_id","variant_id");--> statement-breakpoint
CREATE INDEX "inventory_levels_company_store_updated_idx" ON "inventory_levels" USING btree ("company_id","store_id","updated_at");--> statement-breakpoint
CREATE INDEX "stock_movements_company_store_variant_created_idx" ON "stock_movements" USING btree ("company_id","store_id","variant_id","created_at");--> statement-breakpoint
CREATE INDEX "stock_movements_company_reference_idx" ON "stock_movements" USING btree ("company_id","reference_type","reference_id");--> statement-breakpoint
CREATE UNIQUE INDEX "receipt_templates_company_store_live_key" ON "receipt_templates" USING btree ("company_id",coalesce("store_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "receipt_templates"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "receipt_templates_company_updated_idx" ON "receipt_templates" USING btree ("company_id","updated_at");--> statement-breakpoint
CREATE INDEX "payments_company_transaction_idx" ON "payments" USING btree ("company_id","transaction_id");--> statement-breakpoint
CREATE INDEX "payments_company_method_created_idx" ON "payments" USING btree ("company_id","method","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "transaction_items_transaction_line_key" ON "transaction_items" USING btree ("company_id","transaction_id","line_number");--> statement-breakpoint
CREATE INDEX "transaction_items_company_variant_idx" ON "transaction_items" USING btree ("company_id","variant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "transactions_store_number_key" ON "transactions" USING btree ("company_id","store_id","number");--> statement-breakpoint
CREATE INDEX "transactions_company_store_business_date_idx" ON "transactions" USING btree ("company_id","store_id","business_date");--> statement-breakpoint
CREATE INDEX "transactions_company_created_idx" ON "transactions" USING btree ("company_id","created_at");--> statement-breakpoint
CREATE INDEX "transactions_company_refund_of_idx" ON "transactions" USING btree ("company_id","refund_of_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stores_company_code_live_key" ON "stores" USING btree ("company_id","code") WHERE "stores"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "stores_company_updated_idx" ON "stores" USING btree ("company_id","updated_at");--> statement-breakpoint
CREATE INDEX "sync_batches_company_store_started_idx" ON "sync_batches" USING btree ("company_id","store_id","started_at");--> statement-breakpoint
CREATE INDEX "sync_batches_company_device_started_idx" ON "sync_batches" USING btree ("company_id","device_session_id","started_at");--> statement-breakpoint
CREATE INDEX "sync_events_company_batch_idx" ON "sync_events" USING btree ("company_id","batch_id");--> statement-breakpoint
CREATE INDEX "sync_events_company_device_created_idx" ON "sync_events" USING btree ("company_id","device_session_id","created_at");--> statement-breakpoint
CREATE INDEX "sync_events_company_kind_created_idx" ON "sync_events" USING btree ("company_id","kind","created_at");--> statement-breakpoint
CREATE INDEX "device_sessions_company_user_idx" ON "device_sessions" USING btree ("company_id","user_id","revoked_at");--> statement-breakpoint
CREATE UNIQUE INDEX "refresh_tokens_token_hash_key" ON "refresh_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "refresh_tokens_company_session_idx" ON "refresh_tokens" USING btree ("company_id","device_session_id");--> statement-breakpoint
CREATE INDEX "refresh_tokens_expires_at_idx" ON "refresh_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_live_key" ON "users" USING btree ("email") WHERE "users"."deleted_at" is null and "users"."email" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "users_phone_live_key" ON "users" USING btree ("phone") WHERE "users"."deleted_at" is null and "users"."phone" is not null;--> statement-breakpoint
CREATE INDEX "users_company_role_idx" ON "users" USING btree ("company_id","role");--> statement-breakpoint
CREATE INDEX "users_company_updated_idx" ON "users" USING btree ("company_id","updated_at");