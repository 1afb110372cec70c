CREATE TYPE "public"."announcement_category" AS ENUM('notice', 'event', 'service_change', 'urgent');--> statement-breakpoint
CREATE TYPE "public"."announcement_status" AS ENUM('draft', 'scheduled', 'published', 'archived');--> statement-breakpoint
CREATE TYPE "public"."booking_mode" AS ENUM('class', 'appointment', 'drop_in');--> statement-breakpoint
CREATE TYPE "public"."booking_status" AS ENUM('confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show');--> statement-breakpoint
CREATE TYPE "public"."channel" AS ENUM('in_app', 'email', 'sms');--> statement-breakpoint
CREATE TYPE "public"."concession_kind" AS ENUM('age_60', 'age_80', 'low_income', 'disability');--> statement-breakpoint
CREATE TYPE "public"."inspection_issue_status" AS ENUM('open', 'fixed');--> statement-breakpoint
CREATE TYPE "public"."locale" AS ENUM('zh-CN', 'en');--> statement-breakpoint
CREATE TYPE "public"."notification_kind" AS ENUM('booking_confirmed', 'booking_waitlisted', 'waitlist_promoted', 'booking_cancelled', 'slot_cancelled', 'slot_moved', 'booking_reminder', 'urgent_announcement', 'feedback_request');--> statement-breakpoint
CREATE TYPE "public"."outbox_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('resident', 'operator', 'street_staff', 'district_admin');--> statement-breakpoint
CREATE TYPE "public"."service_category" AS ENUM('government', 'training', 'fitness', 'culture', 'elder_care');--> statement-breakpoint
CREATE TYPE "public"."service_status" AS ENUM('active', 'paused', 'retired');--> statement-breakpoint
CREATE TYPE "public"."slot_status" AS ENUM('scheduled', 'cancelled');--> statement-breakpoint
CREATE TABLE "centre_opening_exceptions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "centre_opening_exceptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"centre_id" integer NOT NULL,
	"date" date NOT NULL,
	"closed" boolean DEFAULT true NOT NULL,
	"opens_at" time,
	"closes_at" time,
	"reason_zh" text DEFAULT '' NOT NULL,
	"reason_en" text DEFAULT '' NOT NULL,
	CONSTRAINT "centre_opening_exceptions_centre_date_key" UNIQUE("centre_id","date"),
	CONSTRAINT "centre_opening_exceptions_hours_check" CHECK ("centre_opening_exceptions"."closed" or ("centre_opening_exceptions"."opens_at" is not null and "centre_opening_exceptions"."closes_at" is not null and "centre_opening_exceptions"."closes_at" > "centre_opening_exceptions"."opens_at"))
);
--> statement-breakpoint
CREATE TABLE "centre_opening_hours" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "centre_opening_hours_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"centre_id" integer NOT NULL,
	"weekday" smallint NOT NULL,
	"opens_at" time NOT NULL,
	"closes_at" time NOT NULL,
	CONSTRAINT "centre_opening_hours_weekday_check" CHECK ("centre_opening_hours"."weekday" between 1 and 7),
	CONSTRAINT "centre_opening_hours_order_check" CHECK ("centre_opening_hours"."closes_at" > "centre_opening_hours"."opens_at")
);
--> statement-breakpoint
CREATE TABLE "centres" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "centres_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"street_id" integer NOT NULL,
	"slug" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"address_zh" text NOT NULL,
	"address_en" text NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"phone" text NOT NULL,
	"time_zone" text DEFAULT 'Asia/Shanghai' NOT NULL,
	"facilities" text[] DEFAULT '{}'::text[] NOT NULL,
	"catchment_population" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "centres_slug_key" UNIQUE("slug"),
	CONSTRAINT "centres_latitude_check" CHECK ("centres"."latitude" between -90 and 90),
	CONSTRAINT "centres_longitude_check" CHECK ("centres"."longitude" between -180 and 180),
	CONSTRAINT "centres_catchment_check" CHECK ("centres"."catchment_population" >= 0)
);
--> statement-breakpoint
CREATE TABLE "districts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "districts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"time_zone" text DEFAULT 'Asia/Shanghai' NOT NULL,
	CONSTRAINT "districts_slug_key" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "streets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "streets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"slug" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"office_address_zh" text DEFAULT '' NOT NULL,
	"office_address_en" text DEFAULT '' NOT NULL,
	"office_phone" text DEFAULT '' NOT NULL,
	CONSTRAINT "streets_slug_key" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "auth_attempts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "auth_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key_hash" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auth_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"idle_timeout_seconds" integer NOT NULL,
	"absolute_expires_at" timestamp with time zone NOT NULL,
	"remember" boolean DEFAULT false NOT NULL,
	CONSTRAINT "auth_sessions_idle_check" CHECK ("auth_sessions"."idle_timeout_seconds" > 0)
);
--> statement-breakpoint
CREATE TABLE "household_members" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "household_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"owner_user_id" integer NOT NULL,
	"name" text NOT NULL,
	"relation" text NOT NULL,
	"birth_year" smallint NOT NULL,
	"phone" text,
	"home_street_id" integer,
	"low_income_verified" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "household_members_birth_year_check" CHECK ("household_members"."birth_year" between 1900 and 2100),
	CONSTRAINT "household_members_phone_check" CHECK ("household_members"."phone" ~ '^1[3-9][0-9]{9}$')
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" integer NOT NULL,
	"kind" "notification_kind" NOT NULL,
	"channel" "channel" NOT NULL,
	"enabled" boolean NOT NULL,
	CONSTRAINT "notification_preferences_pkey" PRIMARY KEY("user_id","kind","channel")
);
--> statement-breakpoint
CREATE TABLE "role_grants" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "role_grants_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"role" "role" NOT NULL,
	"centre_id" integer,
	"street_id" integer,
	"granted_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "role_grants_scope_check" CHECK (case "role_grants"."role"
        when 'operator' then "role_grants"."centre_id" is not null and "role_grants"."street_id" is null
        when 'street_staff' then "role_grants"."street_id" is not null and "role_grants"."centre_id" is null
        when 'district_admin' then "role_grants"."centre_id" is null and "role_grants"."street_id" is null
        else false end)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"phone" text,
	"email" text,
	"password_hash" text NOT NULL,
	"name" text NOT NULL,
	"birth_year" smallint,
	"home_street_id" integer,
	"preferred_locale" "locale" DEFAULT 'zh-CN' NOT NULL,
	"low_income_verified" boolean DEFAULT false NOT NULL,
	"elder_mode" boolean DEFAULT false NOT NULL,
	"calendar_token" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_login_check" CHECK ("users"."phone" is not null or "users"."email" is not null),
	CONSTRAINT "users_phone_check" CHECK ("users"."phone" ~ '^1[3-9][0-9]{9}$'),
	CONSTRAINT "users_email_check" CHECK ("users"."email" = lower("users"."email") and position('@' in "users"."email") > 1),
	CONSTRAINT "users_birth_year_check" CHECK ("users"."birth_year" between 1900 and 2100)
);
--> statement-breakpoint
CREATE TABLE "service_concessions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_concessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"service_id" integer NOT NULL,
	"kind" "concession_kind" NOT NULL,
	"price_fen" integer NOT NULL,
	CONSTRAINT "service_concessions_service_kind_key" UNIQUE("service_id","kind"),
	CONSTRAINT "service_concessions_price_check" CHECK ("service_concessions"."price_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "services_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"centre_id" integer NOT NULL,
	"slug" text NOT NULL,
	"category" "service_category" NOT NULL,
	"booking_mode" "booking_mode" NOT NULL,
	"status" "service_status" DEFAULT 'active' NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"summary_zh" text DEFAULT '' NOT NULL,
	"summary_en" text DEFAULT '' NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"what_to_bring_zh" text DEFAULT '' NOT NULL,
	"what_to_bring_en" text DEFAULT '' NOT NULL,
	"location_zh" text DEFAULT '' NOT NULL,
	"location_en" text DEFAULT '' NOT NULL,
	"min_age" smallint,
	"max_age" smallint,
	"residents_only" boolean DEFAULT false NOT NULL,
	"price_fen" integer DEFAULT 0 NOT NULL,
	"counters" smallint,
	"slot_minutes" smallint,
	"booking_opens_days_before" smallint DEFAULT 14 NOT NULL,
	"booking_closes_hours_before" smallint DEFAULT 1 NOT NULL,
	"cancel_cutoff_hours" smallint DEFAULT 2 NOT NULL,
	"max_active_per_person" smallint DEFAULT 2 NOT NULL,
	"max_per_day_per_person" smallint,
	"waitlist_enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "services_centre_slug_key" UNIQUE("centre_id","slug"),
	CONSTRAINT "services_age_check" CHECK ("services"."min_age" is null or "services"."max_age" is null or "services"."min_age" <= "services"."max_age"),
	CONSTRAINT "services_min_age_check" CHECK ("services"."min_age" between 0 and 150),
	CONSTRAINT "services_max_age_check" CHECK ("services"."max_age" between 0 and 150),
	CONSTRAINT "services_price_check" CHECK ("services"."price_fen" >= 0),
	CONSTRAINT "services_appointment_check" CHECK (("services"."booking_mode" = 'appointment') = ("services"."counters" is not null and "services"."slot_minutes" is not null)),
	CONSTRAINT "services_counters_check" CHECK ("services"."counters" > 0),
	CONSTRAINT "services_slot_minutes_check" CHECK ("services"."slot_minutes" between 5 and 480),
	CONSTRAINT "services_window_check" CHECK ("services"."booking_opens_days_before" >= 0 and "services"."booking_closes_hours_before" >= 0),
	CONSTRAINT "services_cutoff_check" CHECK ("services"."cancel_cutoff_hours" >= 0),
	CONSTRAINT "services_max_active_check" CHECK ("services"."max_active_per_person" > 0),
	CONSTRAINT "services_max_per_day_check" CHECK ("services"."max_per_day_per_person" > 0)
);
--> statement-breakpoint
CREATE TABLE "slot_series" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "slot_series_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"service_id" integer NOT NULL,
	"weekdays" smallint[] NOT NULL,
	"start_time" time NOT NULL,
	"duration_minutes" smallint NOT NULL,
	"from_date" date NOT NULL,
	"until_date" date NOT NULL,
	"capacity" integer NOT NULL,
	"skip_dates" date[] DEFAULT '{}'::date[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "slot_series_dates_check" CHECK ("slot_series"."until_date" >= "slot_series"."from_date"),
	CONSTRAINT "slot_series_duration_check" CHECK ("slot_series"."duration_minutes" > 0),
	CONSTRAINT "slot_series_capacity_check" CHECK ("slot_series"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "slots" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "slots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"service_id" integer NOT NULL,
	"series_id" integer,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"seats_taken" integer DEFAULT 0 NOT NULL,
	"waitlisted_count" integer DEFAULT 0 NOT NULL,
	"status" "slot_status" DEFAULT 'scheduled' NOT NULL,
	"cancel_reason" text,
	"cancelled_at" timestamp with time zone,
	"moved_from_starts_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "slots_time_order_check" CHECK ("slots"."ends_at" > "slots"."starts_at"),
	CONSTRAINT "slots_capacity_check" CHECK ("slots"."capacity" > 0),
	CONSTRAINT "slots_seats_taken_check" CHECK ("slots"."seats_taken" >= 0 and "slots"."seats_taken" <= "slots"."capacity"),
	CONSTRAINT "slots_waitlisted_count_check" CHECK ("slots"."waitlisted_count" >= 0),
	CONSTRAINT "slots_cancelled_check" CHECK (("slots"."status" = 'cancelled') = ("slots"."cancelled_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bookings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"reference" text NOT NULL,
	"slot_id" integer NOT NULL,
	"booked_by_user_id" integer NOT NULL,
	"attendee_user_id" integer,
	"attendee_member_id" integer,
	"status" "booking_status" NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"idempotency_key" text,
	"assisted_by_user_id" integer,
	"price_fen" integer DEFAULT 0 NOT NULL,
	"concession" "concession_kind",
	"pay_at_centre" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"checked_in_at" timestamp with time zone,
	"checked_in_by_user_id" integer,
	CONSTRAINT "bookings_one_attendee_check" CHECK (num_nonnulls("bookings"."attendee_user_id", "bookings"."attendee_member_id") = 1),
	CONSTRAINT "bookings_reference_check" CHECK ("bookings"."reference" ~ '^[A-Z0-9]{6,12}$'),
	CONSTRAINT "bookings_price_check" CHECK ("bookings"."price_fen" >= 0),
	CONSTRAINT "bookings_cancelled_check" CHECK (("bookings"."status" = 'cancelled') = ("bookings"."cancelled_at" is not null)),
	CONSTRAINT "bookings_attended_check" CHECK ("bookings"."status" <> 'attended' or "bookings"."checked_in_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "feedback" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "feedback_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"booking_id" integer NOT NULL,
	"author_user_id" integer NOT NULL,
	"rating" smallint NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text,
	"hidden_by_user_id" integer,
	CONSTRAINT "feedback_rating_check" CHECK ("feedback"."rating" between 1 and 5),
	CONSTRAINT "feedback_comment_length_check" CHECK (char_length("feedback"."comment") <= 2000),
	CONSTRAINT "feedback_hidden_check" CHECK (("feedback"."hidden_at" is null) = ("feedback"."hidden_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "announcement_centres" (
	"announcement_id" integer NOT NULL,
	"centre_id" integer NOT NULL,
	CONSTRAINT "announcement_centres_pkey" PRIMARY KEY("announcement_id","centre_id")
);
--> statement-breakpoint
CREATE TABLE "announcement_images" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "announcement_images_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"announcement_id" integer NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"storage_key" text NOT NULL,
	"alt_zh" text DEFAULT '' NOT NULL,
	"alt_en" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "announcement_images_storage_key" UNIQUE("storage_key"),
	CONSTRAINT "announcement_images_type_check" CHECK ("announcement_images"."content_type" in ('image/jpeg', 'image/png', 'image/webp')),
	CONSTRAINT "announcement_images_size_check" CHECK ("announcement_images"."byte_size" between 1 and 5242880)
);
--> statement-breakpoint
CREATE TABLE "announcement_reads" (
	"announcement_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "announcement_reads_pkey" PRIMARY KEY("announcement_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "announcements" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "announcements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"street_id" integer,
	"author_user_id" integer,
	"category" "announcement_category" DEFAULT 'notice' NOT NULL,
	"status" "announcement_status" DEFAULT 'draft' NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text,
	"body_zh" text NOT NULL,
	"body_en" text,
	"publish_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"pinned_until" timestamp with time zone,
	"edited_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "announcements_title_check" CHECK (char_length("announcements"."title_zh") between 1 and 200),
	CONSTRAINT "announcements_expiry_check" CHECK ("announcements"."expires_at" is null or "announcements"."publish_at" is null or "announcements"."expires_at" > "announcements"."publish_at"),
	CONSTRAINT "announcements_scheduled_check" CHECK ("announcements"."status" <> 'scheduled' or "announcements"."publish_at" is not null),
	CONSTRAINT "announcements_published_check" CHECK ("announcements"."status" <> 'published' or "announcements"."published_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"actor_user_id" integer,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" integer,
	"centre_id" integer,
	"street_id" integer,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "job_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"job" text NOT NULL,
	"period_key" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"kind" "notification_kind" NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"booking_id" integer,
	"announcement_id" integer,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"channel" "channel" NOT NULL,
	"user_id" integer,
	"notification_id" integer,
	"template" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_channel_check" CHECK ("outbox"."channel" <> 'in_app'),
	CONSTRAINT "outbox_attempts_check" CHECK ("outbox"."attempts" >= 0),
	CONSTRAINT "outbox_sent_check" CHECK (("outbox"."status" = 'sent') = ("outbox"."sent_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "inspection_checklist_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inspection_checklist_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"label_zh" text NOT NULL,
	"label_en" text NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "inspection_checklist_items_key_key" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "inspection_issues" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inspection_issues_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"inspection_id" integer NOT NULL,
	"centre_id" integer NOT NULL,
	"description" text NOT NULL,
	"fix_by" date NOT NULL,
	"status" "inspection_issue_status" DEFAULT 'open' NOT NULL,
	"fixed_at" timestamp with time zone,
	"fixed_note" text,
	"fixed_by_user_id" integer,
	CONSTRAINT "inspection_issues_fixed_check" CHECK (("inspection_issues"."status" = 'fixed') = ("inspection_issues"."fixed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "inspection_scores" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inspection_scores_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"inspection_id" integer NOT NULL,
	"checklist_item_id" integer NOT NULL,
	"score" smallint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "inspection_scores_item_key" UNIQUE("inspection_id","checklist_item_id"),
	CONSTRAINT "inspection_scores_score_check" CHECK ("inspection_scores"."score" between 0 and 5)
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inspections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"centre_id" integer NOT NULL,
	"inspector_user_id" integer NOT NULL,
	"inspected_on" date NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "centre_opening_exceptions" ADD CONSTRAINT "centre_opening_exceptions_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "centre_opening_hours" ADD CONSTRAINT "centre_opening_hours_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "centres" ADD CONSTRAINT "centres_street_id_streets_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."streets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "streets" ADD CONSTRAINT "streets_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_home_street_id_streets_id_fk" FOREIGN KEY ("home_street_id") REFERENCES "public"."streets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_street_id_streets_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."streets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_granted_by_user_id_users_id_fk" FOREIGN KEY ("granted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_home_street_id_streets_id_fk" FOREIGN KEY ("home_street_id") REFERENCES "public"."streets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_concessions" ADD CONSTRAINT "service_concessions_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_series" ADD CONSTRAINT "slot_series_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_series_id_slot_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."slot_series"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_slot_id_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_booked_by_user_id_users_id_fk" FOREIGN KEY ("booked_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_attendee_user_id_users_id_fk" FOREIGN KEY ("attendee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_attendee_member_id_household_members_id_fk" FOREIGN KEY ("attendee_member_id") REFERENCES "public"."household_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_assisted_by_user_id_users_id_fk" FOREIGN KEY ("assisted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_checked_in_by_user_id_users_id_fk" FOREIGN KEY ("checked_in_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_hidden_by_user_id_users_id_fk" FOREIGN KEY ("hidden_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_centres" ADD CONSTRAINT "announcement_centres_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_centres" ADD CONSTRAINT "announcement_centres_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_images" ADD CONSTRAINT "announcement_images_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_reads" ADD CONSTRAINT "announcement_reads_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_reads" ADD CONSTRAINT "announcement_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_street_id_streets_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."streets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_issues" ADD CONSTRAINT "inspection_issues_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_issues" ADD CONSTRAINT "inspection_issues_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_issues" ADD CONSTRAINT "inspection_issues_fixed_by_user_id_users_id_fk" FOREIGN KEY ("fixed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_scores" ADD CONSTRAINT "inspection_scores_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_scores" ADD CONSTRAINT "inspection_scores_checklist_item_id_inspection_checklist_items_id_fk" FOREIGN KEY ("checklist_item_id") REFERENCES "public"."inspection_checklist_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_inspector_user_id_users_id_fk" FOREIGN KEY ("inspector_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "centre_opening_hours_centre_idx" ON "centre_opening_hours" USING btree ("centre_id","weekday");--> statement-breakpoint
CREATE INDEX "centres_street_idx" ON "centres" USING btree ("street_id");--> statement-breakpoint
CREATE INDEX "streets_district_idx" ON "streets" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "auth_attempts_key_time_idx" ON "auth_attempts" USING btree ("key_hash","attempted_at");--> statement-breakpoint
CREATE INDEX "auth_sessions_user_idx" ON "auth_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "auth_sessions_expiry_idx" ON "auth_sessions" USING btree ("absolute_expires_at");--> statement-breakpoint
CREATE INDEX "household_members_owner_idx" ON "household_members" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "role_grants_user_idx" ON "role_grants" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "role_grants_scope_key" ON "role_grants" USING btree ("user_id","role",coalesce("centre_id", 0),coalesce("street_id", 0));--> statement-breakpoint
CREATE UNIQUE INDEX "users_phone_key" ON "users" USING btree ("phone");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "users_calendar_token_key" ON "users" USING btree ("calendar_token");--> statement-breakpoint
CREATE INDEX "services_category_idx" ON "services" USING btree ("category","status");--> statement-breakpoint
CREATE INDEX "slot_series_service_idx" ON "slot_series" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "slots_service_starts_idx" ON "slots" USING btree ("service_id","starts_at");--> statement-breakpoint
CREATE INDEX "slots_starts_idx" ON "slots" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "slots_series_idx" ON "slots" USING btree ("series_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_reference_key" ON "bookings" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_active_user_attendee_key" ON "bookings" USING btree ("slot_id","attendee_user_id") WHERE "bookings"."status" in ('confirmed', 'waitlisted') and "bookings"."attendee_user_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_active_member_attendee_key" ON "bookings" USING btree ("slot_id","attendee_member_id") WHERE "bookings"."status" in ('confirmed', 'waitlisted') and "bookings"."attendee_member_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_idempotency_key" ON "bookings" USING btree ("booked_by_user_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "bookings_slot_status_idx" ON "bookings" USING btree ("slot_id","status","queued_at");--> statement-breakpoint
CREATE INDEX "bookings_booked_by_idx" ON "bookings" USING btree ("booked_by_user_id","created_at");--> statement-breakpoint
CREATE INDEX "bookings_attendee_user_idx" ON "bookings" USING btree ("attendee_user_id");--> statement-breakpoint
CREATE INDEX "bookings_attendee_member_idx" ON "bookings" USING btree ("attendee_member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_booking_key" ON "feedback" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "announcement_centres_centre_idx" ON "announcement_centres" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "announcement_images_announcement_idx" ON "announcement_images" USING btree ("announcement_id");--> statement-breakpoint
CREATE INDEX "announcements_listing_idx" ON "announcements" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "announcements_street_idx" ON "announcements" USING btree ("street_id","status");--> statement-breakpoint
CREATE INDEX "announcements_due_idx" ON "announcements" USING btree ("publish_at") WHERE "announcements"."status" = 'scheduled';--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_centre_idx" ON "audit_log" USING btree ("centre_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_job_period_key" ON "job_runs" USING btree ("job","period_key");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_key" ON "notifications" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at") WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedupe_key" ON "outbox" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "inspection_issues_centre_status_idx" ON "inspection_issues" USING btree ("centre_id","status","fix_by");--> statement-breakpoint
CREATE INDEX "inspections_centre_idx" ON "inspections" USING btree ("centre_id","inspected_on");