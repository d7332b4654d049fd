CREATE TABLE "sync_devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"device_session_id" uuid NOT NULL,
	"last_push_at" timestamp with time zone,
	"last_pull_at" timestamp with time zone,
	"last_cursor" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "categories" ADD COLUMN "sync_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "product_variants" ADD COLUMN "sync_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "sync_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "store_prices" ADD COLUMN "sync_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "sync_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "inventory_levels" ADD COLUMN "sync_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "receipt_templates" ADD COLUMN "sync_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "sync_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_batches" ADD COLUMN "attempts" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_batches" ADD COLUMN "last_duration_ms" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "sync_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_devices" ADD CONSTRAINT "sync_devices_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_devices" ADD CONSTRAINT "sync_devices_device_session_fk" FOREIGN KEY ("company_id","device_session_id") REFERENCES "public"."device_sessions"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sync_devices_company_session_store_key" ON "sync_devices" USING btree ("company_id","device_session_id","store_id");--> statement-breakpoint
CREATE INDEX "sync_devices_company_store_idx" ON "sync_devices" USING btree ("company_id","store_id");--> statement-breakpoint
CREATE INDEX "categories_company_sync_xid_idx" ON "categories" USING btree ("company_id","sync_xid");--> statement-breakpoint
CREATE INDEX "product_variants_company_sync_xid_idx" ON "product_variants" USING btree ("company_id","sync_xid");--> statement-breakpoint
CREATE INDEX "products_company_sync_xid_idx" ON "products" USING btree ("company_id","sync_xid");--> statement-breakpoint
CREATE INDEX "store_prices_company_store_sync_xid_idx" ON "store_prices" USING btree ("company_id","store_id","sync_xid");--> statement-breakpoint
CREATE INDEX "inventory_levels_company_store_sync_xid_idx" ON "inventory_levels" USING btree ("company_id","store_id","sync_xid");--> statement-breakpoint
CREATE INDEX "receipt_templates_company_sync_xid_idx" ON "receipt_templates" USING btree ("company_id","sync_xid");--> statement-breakpoint
CREATE INDEX "stores_company_sync_xid_idx" ON "stores" USING btree ("company_id","sync_xid");--> statement-breakpoint
CREATE INDEX "users_company_sync_xid_idx" ON "users" USING btree ("company_id","sync_xid");--> statement-breakpoint
-- Every change to a row devices pull stamps it with the writing transaction's id, whatever code
-- made it (see src/services/sync/cursor.ts for how the delta reads these stamps).
CREATE FUNCTION "sync_touch"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.sync_xid := pg_current_xact_id();
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "companies_sync_touch" BEFORE UPDATE ON "companies" FOR EACH ROW EXECUTE FUNCTION "sync_touch"();
--> statement-breakpoint
CREATE TRIGGER "stores_sync_touch" BEFORE UPDATE ON "stores" FOR EACH ROW EXECUTE FUNCTION "sync_touch"();
--> statement-breakpoint
CREATE TRIGGER "categories_sync_touch" BEFORE UPDATE ON "categories" FOR EACH ROW EXECUTE FUNCTION "sync_touch"();
--> statement-breakpoint
CREATE TRIGGER "products_sync_touch" BEFORE UPDATE ON "products" FOR EACH ROW EXECUTE FUNCTION "sync_touch"();
--> statement-breakpoint
CREATE TRIGGER "product_variants_sync_touch" BEFORE UPDATE ON "product_variants" FOR EACH ROW EXECUTE FUNCTION "sync_touch"();
--> statement-breakpoint
CREATE TRIGGER "store_prices_sync_touch" BEFORE UPDATE ON "store_prices" FOR EACH ROW EXECUTE FUNCTION "sync_touch"();
--> statement-breakpoint
CREATE TRIGGER "inventory_levels_sync_touch" BEFORE UPDATE ON "inventory_levels" FOR EACH ROW EXECUTE FUNCTION "sync_touch"();
--> statement-breakpoint
CREATE TRIGGER "receipt_templates_sync_touch" BEFORE UPDATE ON "receipt_templates" FOR EACH ROW EXECUTE FUNCTION "sync_touch"();
--> statement-breakpoint
-- Devices see staff as name, role, permissions and whether they may work there; logins and
-- password changes do not concern them, so only those columns re-send a user.
CREATE TRIGGER "users_sync_touch" BEFORE UPDATE ON "users" FOR EACH ROW
  WHEN ((OLD.name, OLD.role, OLD.permissions_granted, OLD.permissions_revoked, OLD.is_active, OLD.deleted_at)
    IS DISTINCT FROM (NEW.name, NEW.role, NEW.permissions_granted, NEW.permissions_revoked, NEW.is_active, NEW.deleted_at))
  EXECUTE FUNCTION "sync_touch"();
--> statement-breakpoint
-- Being assigned to a store, or no longer, changes who a store's devices list as staff.
CREATE FUNCTION "user_store_assignments_touch_user"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "users" SET "sync_xid" = pg_current_xact_id()
      WHERE "company_id" = OLD."company_id" AND "id" = OLD."user_id";
  ELSE
    UPDATE "users" SET "sync_xid" = pg_current_xact_id()
      WHERE "company_id" = NEW."company_id" AND "id" = NEW."user_id";
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "user_store_assignments_touch_user" AFTER INSERT OR DELETE ON "user_store_assignments"
  FOR EACH ROW EXECUTE FUNCTION "user_store_assignments_touch_user"();
