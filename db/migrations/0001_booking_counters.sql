-- Keeps slots.seats_taken and slots.waitlisted_count equal to the bookings that hold a
-- seat (confirmed, attended, no_show) or wait for one. Because the counter lives on the
-- slot row, every booking change locks that row, and slots_seats_taken_check refuses any
-- change that would put more people on a slot than its capacity (DOMAIN.md rules 1 and 4),
-- whichever process or code path makes it.
CREATE FUNCTION linli_booking_slot_counts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status <> 'cancelled' THEN
    UPDATE slots
       SET seats_taken = seats_taken - (OLD.status <> 'waitlisted')::int,
           waitlisted_count = waitlisted_count - (OLD.status = 'waitlisted')::int
     WHERE id = OLD.slot_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status <> 'cancelled' THEN
    UPDATE slots
       SET seats_taken = seats_taken + (NEW.status <> 'waitlisted')::int,
           waitlisted_count = waitlisted_count + (NEW.status = 'waitlisted')::int
     WHERE id = NEW.slot_id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER bookings_slot_counts
AFTER INSERT OR DELETE OR UPDATE OF status, slot_id ON bookings
FOR EACH ROW EXECUTE FUNCTION linli_booking_slot_counts();
--> statement-breakpoint
-- The counters are the trigger's alone: nothing else may set them.
CREATE FUNCTION linli_slot_counts_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND (NEW.seats_taken <> 0 OR NEW.waitlisted_count <> 0) THEN
    RAISE EXCEPTION 'a new slot starts with no bookings' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() = 1
     AND (NEW.seats_taken <> OLD.seats_taken OR NEW.waitlisted_count <> OLD.waitlisted_count) THEN
    RAISE EXCEPTION 'slot counters are maintained by bookings' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER slots_counts_guard
BEFORE INSERT OR UPDATE OF seats_taken, waitlisted_count ON slots
FOR EACH ROW EXECUTE FUNCTION linli_slot_counts_guard();
