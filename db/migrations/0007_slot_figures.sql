-- A slot's figures (attended, no-shows, waiting-list demand, seats given back, ratings) kept
-- by triggers beside seats_taken, so the district comparison and a centre's figures add up
-- slots instead of counting every booking of a period. A booking change already locks its
-- slot's row for seats_taken, so the counters take no lock a booking did not take before.
DROP INDEX "bookings_slot_figures_idx";--> statement-breakpoint
ALTER TABLE "slots" ADD COLUMN "attended_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "slots" ADD COLUMN "no_show_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "slots" ADD COLUMN "waitlist_demand" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "slots" ADD COLUMN "cancelled_seats" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "slots" ADD COLUMN "rating_sum" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "slots" ADD COLUMN "rating_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_figures_check" CHECK (least("slots"."attended_count", "slots"."no_show_count", "slots"."waitlist_demand", "slots"."cancelled_seats", "slots"."rating_sum", "slots"."rating_count") >= 0);--> statement-breakpoint
-- What one booking counts for on its slot, in the order of the trigger's UPDATE below:
-- a seat (confirmed, attended, no-show), waiting, attended, no-show, waiting-list demand
-- (joined the list and never got a seat) and a seat given back (cancelled after holding one).
CREATE FUNCTION linli_booking_tally(status booking_status, confirmed_at timestamptz) RETURNS integer[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[
    (status IN ('confirmed', 'attended', 'no_show'))::int,
    (status = 'waitlisted')::int,
    (status = 'attended')::int,
    (status = 'no_show')::int,
    (status IN ('waitlisted', 'cancelled') AND confirmed_at IS NULL)::int,
    (status = 'cancelled' AND confirmed_at IS NOT NULL)::int]
$$;
--> statement-breakpoint
-- The counters trigger of migration 0001, now keeping every counter: the slot's counts move
-- from what the booking counted for to what it counts for now, in one UPDATE (a promotion
-- from the waiting list made two), and in none when that is the same. A booking stays on
-- the slot it was made for; nothing in Linli moves one, and its counts could not follow.
CREATE OR REPLACE FUNCTION linli_booking_slot_counts() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  was integer[] := '{0,0,0,0,0,0}';
  now_counts integer[] := '{0,0,0,0,0,0}';
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.slot_id <> OLD.slot_id THEN
    RAISE EXCEPTION 'a booking stays on its slot' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP <> 'INSERT' THEN
    was := linli_booking_tally(OLD.status, OLD.confirmed_at);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    now_counts := linli_booking_tally(NEW.status, NEW.confirmed_at);
  END IF;
  IF was <> now_counts THEN
    UPDATE slots
       SET seats_taken = seats_taken + now_counts[1] - was[1],
           waitlisted_count = waitlisted_count + now_counts[2] - was[2],
           attended_count = attended_count + now_counts[3] - was[3],
           no_show_count = no_show_count + now_counts[4] - was[4],
           waitlist_demand = waitlist_demand + now_counts[5] - was[5],
           cancelled_seats = cancelled_seats + now_counts[6] - was[6]
     WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.slot_id ELSE NEW.slot_id END;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER bookings_slot_counts ON bookings;
--> statement-breakpoint
CREATE TRIGGER bookings_slot_counts
AFTER INSERT OR DELETE OR UPDATE OF status, slot_id, confirmed_at ON bookings
FOR EACH ROW EXECUTE FUNCTION linli_booking_slot_counts();
--> statement-breakpoint
-- A rating counts on the slot of the booking it rates.
CREATE FUNCTION linli_feedback_slot_ratings() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE slots SET rating_sum = rating_sum - OLD.rating, rating_count = rating_count - 1
     WHERE id = (SELECT slot_id FROM bookings WHERE id = OLD.booking_id);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE slots SET rating_sum = rating_sum + NEW.rating, rating_count = rating_count + 1
     WHERE id = (SELECT slot_id FROM bookings WHERE id = NEW.booking_id);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER feedback_slot_ratings
AFTER INSERT OR DELETE OR UPDATE OF rating, booking_id ON feedback
FOR EACH ROW EXECUTE FUNCTION linli_feedback_slot_ratings();
--> statement-breakpoint
-- The counters of the slots already there, from their bookings and ratings.
UPDATE slots s
   SET attended_count = counted.attended,
       no_show_count = counted.no_shows,
       waitlist_demand = counted.demand,
       cancelled_seats = counted.given_back
  FROM (SELECT slot_id,
               count(*) FILTER (WHERE status = 'attended') AS attended,
               count(*) FILTER (WHERE status = 'no_show') AS no_shows,
               count(*) FILTER (WHERE status IN ('waitlisted', 'cancelled') AND confirmed_at IS NULL) AS demand,
               count(*) FILTER (WHERE status = 'cancelled' AND confirmed_at IS NOT NULL) AS given_back
          FROM bookings
         GROUP BY slot_id) counted
 WHERE counted.slot_id = s.id;
--> statement-breakpoint
UPDATE slots s
   SET rating_sum = rated.total, rating_count = rated.n
  FROM (SELECT b.slot_id, sum(f.rating) AS total, count(*) AS n
          FROM feedback f
          JOIN bookings b ON b.id = f.booking_id
         GROUP BY b.slot_id) rated
 WHERE rated.slot_id = s.id;
--> statement-breakpoint
-- Every counter is the triggers' alone: nothing else may set them.
CREATE OR REPLACE FUNCTION linli_slot_counts_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND (NEW.seats_taken, NEW.waitlisted_count, NEW.attended_count, NEW.no_show_count,
                           NEW.waitlist_demand, NEW.cancelled_seats, NEW.rating_sum, NEW.rating_count)
                          IS DISTINCT FROM (0, 0, 0, 0, 0, 0, 0, 0) THEN
    RAISE EXCEPTION 'a new slot starts with no bookings' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() = 1
     AND (NEW.seats_taken, NEW.waitlisted_count, NEW.attended_count, NEW.no_show_count,
          NEW.waitlist_demand, NEW.cancelled_seats, NEW.rating_sum, NEW.rating_count)
         IS DISTINCT FROM (OLD.seats_taken, OLD.waitlisted_count, OLD.attended_count, OLD.no_show_count,
                           OLD.waitlist_demand, OLD.cancelled_seats, OLD.rating_sum, OLD.rating_count) THEN
    RAISE EXCEPTION 'slot counters are maintained by bookings' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
DROP TRIGGER slots_counts_guard ON slots;
--> statement-breakpoint
CREATE TRIGGER slots_counts_guard
BEFORE INSERT OR UPDATE OF seats_taken, waitlisted_count, attended_count, no_show_count, waitlist_demand,
  cancelled_seats, rating_sum, rating_count ON slots
FOR EACH ROW EXECUTE FUNCTION linli_slot_counts_guard();
