CREATE TABLE "comparison_weights" (
	"district_id" integer NOT NULL,
	"measure" text NOT NULL,
	"weight" smallint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_user_id" integer,
	CONSTRAINT "comparison_weights_pkey" PRIMARY KEY("district_id","measure"),
	CONSTRAINT "comparison_weights_weight_check" CHECK ("comparison_weights"."weight" between 0 and 10),
	CONSTRAINT "comparison_weights_measure_check" CHECK ("comparison_weights"."measure" in ('bookingsPer1000', 'fillRate', 'attendanceRate', 'noShowRate', 'waitlistDemand', 'centreCancellations', 'rating', 'inspectionScore', 'overdueIssues', 'categoriesOffered'))
);
--> statement-breakpoint
ALTER TABLE "comparison_weights" ADD CONSTRAINT "comparison_weights_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparison_weights" ADD CONSTRAINT "comparison_weights_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bookings_slot_figures_idx" ON "bookings" USING btree ("slot_id","status","confirmed_at","id");