CREATE TABLE "idempotency_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"operation" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"resource_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "store_settings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"tax_regime" text DEFAULT 'none' NOT NULL,
	"tax_rate_basis_points" integer DEFAULT 0 NOT NULL,
	"service_charge_basis_points" integer DEFAULT 0 NOT NULL,
	"service_charge_taxable" boolean DEFAULT true NOT NULL,
	"prices_include_tax" boolean DEFAULT false NOT NULL,
	"cash_rounding_step" integer DEFAULT 0 NOT NULL,
	"non_cash_rounding_step" integer DEFAULT 0 NOT NULL,
	"business_day_cutoff_hour" smallint DEFAULT 0 NOT NULL,
	"discount_limit_basis_points" integer DEFAULT 0 NOT NULL,
	"changed" text[] DEFAULT '{}'::text[] NOT NULL,
	"applied_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "store_settings_company_id_key" UNIQUE("company_id","id"),
	CONSTRAINT "store_settings_store_effective_key" UNIQUE("company_id","store_id","effective_from"),
	CONSTRAINT "store_settings_tax_regime_valid" CHECK ("store_settings"."tax_regime" in ('none', 'ppn', 'pbjt')),
	CONSTRAINT "store_settings_tax_rate_range" CHECK ("store_settings"."tax_rate_basis_points" between 0 and 10000 and ("store_settings"."tax_regime" <> 'none' or "store_settings"."tax_rate_basis_points" = 0)),
	CONSTRAINT "store_settings_service_charge_range" CHECK ("store_settings"."service_charge_basis_points" between 0 and 10000),
	CONSTRAINT "store_settings_cash_rounding_step" CHECK ("store_settings"."cash_rounding_step" in (0, 100, 500, 1000)),
	CONSTRAINT "store_settings_non_cash_rounding_step" CHECK ("store_settings"."non_cash_rounding_step" in (0, 100, 500, 1000)),
	CONSTRAINT "store_settings_cutoff_hour_range" CHECK ("store_settings"."business_day_cutoff_hour" between 0 and 23),
	CONSTRAINT "store_settings_discount_limit_range" CHECK ("store_settings"."discount_limit_basis_points" between 0 and 10000)
);
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "is_pkp" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "address" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "plan" text DEFAULT 'basic' NOT NULL;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "logo_url" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "default_language" text DEFAULT 'id' NOT NULL;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "suspended_reason" text;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "store_settings_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_settings" ADD CONSTRAINT "store_settings_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "idempotency_keys_company_operation_key" ON "idempotency_keys" USING btree ("company_id","operation","key");--> statement-breakpoint
CREATE INDEX "store_settings_pending_idx" ON "store_settings" USING btree ("effective_from") WHERE "store_settings"."applied_at" is null;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_store_settings_fk" FOREIGN KEY ("company_id","store_settings_id") REFERENCES "public"."store_settings"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_plan_valid" CHECK ("companies"."plan" in ('trial', 'basic', 'pro', 'enterprise'));--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_default_language_valid" CHECK ("companies"."default_language" in ('id', 'en'));--> statement-breakpoint
-- NPWP is kept as digits only from now on (the API takes 01.234.567.8-901.000 or the digits).
-- Existing values are stripped of their punctuation; a value that is still no NPWP (only seed
-- and test data exist before this migration) is cleared rather than kept unusable.
UPDATE "companies" SET "npwp" = nullif(regexp_replace("npwp", '[^0-9]', '', 'g'), '');--> statement-breakpoint
UPDATE "companies" SET "npwp" = NULL WHERE "npwp" !~ '^[0-9]{15,16}$';--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_npwp_digits" CHECK ("companies"."npwp" ~ '^[0-9]{15,16}$');--> statement-breakpoint
-- Every store has settings in force at every moment: its first entry is written with the store
-- (whatever inserts it: the API, the seed, a test factory, the bench), from its own columns.
CREATE FUNCTION store_settings_first_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO store_settings (company_id, store_id, effective_from, tax_regime,
    tax_rate_basis_points, service_charge_basis_points, service_charge_taxable,
    prices_include_tax, cash_rounding_step, non_cash_rounding_step, business_day_cutoff_hour,
    discount_limit_basis_points, changed, applied_at)
  VALUES (NEW.company_id, NEW.id, date_trunc('milliseconds', NEW.created_at), NEW.tax_regime,
    NEW.tax_rate_basis_points, NEW.service_charge_basis_points, NEW.service_charge_taxable,
    NEW.prices_include_tax, NEW.cash_rounding_step, NEW.non_cash_rounding_step,
    NEW.business_day_cutoff_hour, NEW.discount_limit_basis_points,
    ARRAY['taxRegime', 'taxRateBasisPoints', 'serviceChargeBasisPoints', 'serviceChargeTaxable',
      'pricesIncludeTax', 'cashRoundingStep', 'nonCashRoundingStep', 'businessDayCutoffHour',
      'discountLimitBasisPoints'],
    date_trunc('milliseconds', NEW.created_at));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER stores_first_settings_entry AFTER INSERT ON stores
  FOR EACH ROW EXECUTE FUNCTION store_settings_first_entry();--> statement-breakpoint
-- The stores that exist already get theirs from what they hold now.
INSERT INTO store_settings (company_id, store_id, effective_from, tax_regime,
  tax_rate_basis_points, service_charge_basis_points, service_charge_taxable, prices_include_tax,
  cash_rounding_step, non_cash_rounding_step, business_day_cutoff_hour,
  discount_limit_basis_points, changed, applied_at)
SELECT company_id, id, date_trunc('milliseconds', created_at), tax_regime, tax_rate_basis_points,
  service_charge_basis_points, service_charge_taxable, prices_include_tax, cash_rounding_step,
  non_cash_rounding_step, business_day_cutoff_hour, discount_limit_basis_points,
  ARRAY['taxRegime', 'taxRateBasisPoints', 'serviceChargeBasisPoints', 'serviceChargeTaxable',
    'pricesIncludeTax', 'cashRoundingStep', 'nonCashRoundingStep', 'businessDayCutoffHour',
    'discountLimitBasisPoints'],
  date_trunc('milliseconds', created_at)
FROM stores;