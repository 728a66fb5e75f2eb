package dev.hookline.adapters.web.pages.webhooks;

import dev.hookline.application.port.in.EndpointHistoryQueries.DayStats;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The endpoint page's chart as server-rendered SVG geometry: one bar per day for the success
 * rate (left axis, 0–100%) and a line for the mean response time (right axis, scaled to the
 * slowest day). Works without JavaScript; each bar has a title with the day's numbers.
 */
public record Chart(int width, int height, List<Bar> bars, String linePoints, List<Dot> dots, String maxLatency,
                    boolean empty, int plotTop, int plotBottom, int plotLeft, int plotRight) {

    public record Bar(int x, int y, int w, int h, String cls, String label, String dayLabel, String title,
                      int labelX) {
    }

    public record Dot(int x, int y, String title) {
    }

    static final int WIDTH = 720;
    static final int HEIGHT = 200;
    static final int LEFT = 44;
    static final int RIGHT = 56;
    static final int TOP = 16;
    static final int BOTTOM = 36;

    public static Chart of(List<DayStats> days) {
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        int slot = plotW / Math.max(1, days.size());
        int barW = Math.max(6, slot * 3 / 5);
        double maxAvg = days.stream().flatMap(d -> d.averageMillis().stream()).mapToDouble(Double::doubleValue)
                .max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        List<Dot> dots = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        boolean empty = true;
        for (int i = 0; i < days.size(); i++) {
            DayStats day = days.get(i);
            int center = LEFT + slot * i + slot / 2;
            String dayLabel = day.day().getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " "
                    + day.day().getDayOfMonth();
            if (day.attempts() == 0) {
                bars.add(new Bar(center - barW / 2, TOP + plotH - 2, barW, 2, "none", "", dayLabel,
                        day.day() + ": no attempts", center));
                continue;
            }
            empty = false;
            double rate = day.successRate().orElse(0.0);
            int h = Math.max(2, (int) Math.round(plotH * rate / 100));
            String cls = rate >= 95 ? "ok" : rate >= 80 ? "warn" : "bad";
            String avg = day.averageMillis().map(ms -> Math.round(ms) + " ms").orElse("—");
            bars.add(new Bar(center - barW / 2, TOP + plotH - h, barW, h, cls, EndpointViews.percent(rate), dayLabel,
                    day.day() + ": " + day.succeeded() + " of " + day.attempts() + " attempts succeeded ("
                            + EndpointViews.percent(rate) + "), mean response time " + avg, center));
            if (day.averageMillis().isPresent() && maxAvg > 0) {
                int y = TOP + plotH - (int) Math.round(plotH * day.averageMillis().get() / maxAvg);
                line.append(line.isEmpty() ? "" : " ").append(center).append(',').append(y);
                dots.add(new Dot(center, y, day.day() + ": mean response time " + avg));
            }
        }
        return new Chart(WIDTH, HEIGHT, bars, line.toString(), dots, Math.round(maxAvg) + " ms", empty, TOP,
                TOP + plotH, LEFT, WIDTH - RIGHT);
    }
}
