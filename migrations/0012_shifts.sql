CREATE TABLE "shift_cash_movements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"shift_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"request_hash" text NOT NULL,
	"approvals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shift_cash_movements_company_id_key" UNIQUE("company_id","id"),
	CONSTRAINT "shift_cash_movements_kind_valid" CHECK ("shift_cash_movements"."kind" in ('pay_in', 'pay_out')),
	CONSTRAINT "shift_cash_movements_amount_positive" CHECK ("shift_cash_movements"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "shifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"device_key" text NOT NULL,
	"device_name" text NOT NULL,
	"device_session_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_by" uuid NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"business_date" date NOT NULL,
	"opening_cash" bigint NOT NULL,
	"request_hash" text NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"closure" text,
	"counted_cash" bigint,
	"expected_cash_at_close" bigint,
	"denominations" jsonb,
	"close_note" text,
	"reported_sales_count" integer,
	"close_request_hash" text,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"approvals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"sync_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	CONSTRAINT "shifts_company_id_key" UNIQUE("company_id","id"),
	CONSTRAINT "shifts_status_valid" CHECK ("shifts"."status" in ('open', 'closed')),
	CONSTRAINT "shifts_closure_valid" CHECK ("shifts"."closure" in ('counted', 'forced')),
	CONSTRAINT "shifts_closed_complete" CHECK (("shifts"."status" = 'open') = ("shifts"."closed_at" is null and "shifts"."closure" is null)),
	CONSTRAINT "shifts_amounts_non_negative" CHECK ("shifts"."opening_cash" >= 0 and coalesce("shifts"."counted_cash", 0) >= 0 and coalesce("shifts"."reported_sales_count", 0) >= 0)
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_valid";--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "shift_id" uuid;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "pending_shift_id" uuid;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "void_shift_id" uuid;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "require_open_shift" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "cash_difference_threshold" bigint;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "cash_movement_limit" bigint;--> statement-breakpoint
ALTER TABLE "shift_cash_movements" ADD CONSTRAINT "shift_cash_movements_shift_fk" FOREIGN KEY ("company_id","shift_id") REFERENCES "public"."shifts"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_cash_movements" ADD CONSTRAINT "shift_cash_movements_created_by_fk" FOREIGN KEY ("company_id","created_by") REFERENCES "public"."users"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_store_fk" FOREIGN KEY ("company_id","store_id") REFERENCES "public"."stores"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_opened_by_fk" FOREIGN KEY ("company_id","opened_by") REFERENCES "public"."users"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_closed_by_fk" FOREIGN KEY ("company_id","closed_by") REFERENCES "public"."users"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_device_session_fk" FOREIGN KEY ("company_id","device_session_id") REFERENCES "public"."device_sessions"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shift_cash_movements_company_shift_idx" ON "shift_cash_movements" USING btree ("company_id","shift_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shifts_open_per_device_key" ON "shifts" USING btree ("company_id","device_key") WHERE "shifts"."status" = 'open';--> statement-breakpoint
CREATE INDEX "shifts_company_store_business_date_idx" ON "shifts" USING btree ("company_id","store_id","business_date");--> statement-breakpoint
CREATE INDEX "shifts_company_sync_xid_idx" ON "shifts" USING btree ("company_id","sync_xid");--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_shift_fk" FOREIGN KEY ("company_id","shift_id") REFERENCES "public"."shifts"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_void_shift_fk" FOREIGN KEY ("company_id","void_shift_id") REFERENCES "public"."shifts"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "transactions_company_shift_idx" ON "transactions" USING btree ("company_id","shift_id") WHERE "transactions"."shift_id" is not null;--> statement-breakpoint
CREATE INDEX "transactions_company_void_shift_idx" ON "transactions" USING btree ("company_id","void_shift_id") WHERE "transactions"."void_shift_id" is not null;--> statement-breakpoint
CREATE INDEX "transactions_company_pending_shift_idx" ON "transactions" USING btree ("company_id","pending_shift_id") WHERE "transactions"."pending_shift_id" is not null;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_valid" CHECK ("notifications"."kind" in ('low_stock', 'sync_problems', 'account_locked', 'shift_difference'));--> statement-breakpoint
ALTER TABLE "stores" ADD CONSTRAINT "stores_cash_limits_non_negative" CHECK (coalesce("stores"."cash_difference_threshold", 0) >= 0 and coalesce("stores"."cash_movement_limit", 0) >= 0);--> statement-breakpoint
-- Open shifts reach the tills in the delta (feed type `shift`), so a change moves sync_xid.
CREATE TRIGGER "shifts_sync_touch" BEFORE UPDATE ON "shifts" FOR EACH ROW EXECUTE FUNCTION "sync_touch"();
