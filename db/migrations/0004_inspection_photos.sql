CREATE TABLE "inspection_photos" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inspection_photos_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"inspection_id" integer NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"storage_key" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"caption" text NOT NULL,
	CONSTRAINT "inspection_photos_storage_key" UNIQUE("storage_key"),
	CONSTRAINT "inspection_photos_type_check" CHECK ("inspection_photos"."content_type" in ('image/jpeg', 'image/png', 'image/webp')),
	CONSTRAINT "inspection_photos_size_check" CHECK ("inspection_photos"."byte_size" between 1 and 5242880),
	CONSTRAINT "inspection_photos_content_check" CHECK (octet_length("inspection_photos"."content") = "inspection_photos"."byte_size"),
	CONSTRAINT "inspection_photos_key_check" CHECK ("inspection_photos"."storage_key" ~ '^[a-f0-9]{32}\.(jpg|png|webp)$')
);
--> statement-breakpoint
ALTER TABLE "inspection_photos" ADD CONSTRAINT "inspection_photos_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspection_photos_inspection_idx" ON "inspection_photos" USING btree ("inspection_id");--> statement-breakpoint
ALTER TABLE "inspection_issues" ADD CONSTRAINT "inspection_issues_fixed_note_check" CHECK ("inspection_issues"."status" <> 'fixed' or char_length(btrim("inspection_issues"."fixed_note")) > 0);