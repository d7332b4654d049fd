ALTER TABLE "receipt_templates" ADD COLUMN "html_template" text;--> statement-breakpoint
ALTER TABLE "receipt_templates" ADD COLUMN "text_template" text;