package dev.hookline.adapters.web.pages;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the pages show them: relative ("3 min ago") with the exact UTC time on hover. */
public final class Times {

    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** A time for a template: relative text, exact title, ISO value for {@code <time datetime>}. */
    public record Shown(String relative, String exact, String iso) {
    }

    public static Shown of(Instant time, Instant now) {
        if (time == null) {
            return null;
        }
        return new Shown(relative(time, now), EXACT.format(time), time.toString());
    }

    public static String relative(Instant time, Instant now) {
        Duration d = Duration.between(time, now);
        boolean future = d.isNegative();
        long s = Math.abs(d.getSeconds());
        String amount;
        if (s < 5) {
            return "just now";
        } else if (s < 60) {
            amount = s + " s";
        } else if (s < 3600) {
            amount = (s / 60) + " min";
        } else if (s < 86_400) {
            amount = (s / 3600) + " h";
        } else if (s < 86_400 * 45) {
            long days = s / 86_400;
            amount = days + (days == 1 ? " day" : " days");
        } else {
            return EXACT.format(time).substring(0, 10);
        }
        return future ? "in " + amount : amount + " ago";
    }

    public static String millis(Duration duration) {
        long ms = duration.toMillis();
        return ms < 1000 ? ms + " ms" : String.format(java.util.Locale.ROOT, "%.2f s", ms / 1000.0);
    }
}
