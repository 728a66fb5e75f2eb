package dev.hookline.bootstrap.bench;

import java.util.Arrays;

/** (time, value) samples, appended from any thread; windows and percentiles read afterwards. */
final class Recorder {

    private long[] times = new long[1 << 16];
    private long[] values = new long[1 << 16];
    private int size;

    synchronized void record(long time, long value) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        times[size] = time;
        values[size++] = value;
    }

    synchronized long count(long from, long to) {
        long n = 0;
        for (int i = 0; i < size; i++) {
            if (times[i] >= from && times[i] < to) {
                n++;
            }
        }
        return n;
    }

    synchronized long max(long from, long to) {
        long max = -1;
        for (int i = 0; i < size; i++) {
            if (times[i] >= from && times[i] < to) {
                max = Math.max(max, values[i]);
            }
        }
        return max;
    }

    /** Sorted values of the samples in [from, to). */
    synchronized long[] values(long from, long to) {
        long[] out = new long[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (times[i] >= from && times[i] < to) {
                out[n++] = values[i];
            }
        }
        long[] sorted = Arrays.copyOf(out, n);
        Arrays.sort(sorted);
        return sorted;
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
