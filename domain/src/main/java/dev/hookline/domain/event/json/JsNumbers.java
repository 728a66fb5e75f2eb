package dev.hookline.domain.event.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * JavaScript's Number::toString (ECMA-262 §6.1.6.1.20) for finite doubles, and the exact decimal
 * value of JSON number literals, to tell whether {@code JSON.parse} keeps a literal's value.
 */
final class JsNumbers {

    private static final double TWO_TO_53 = 9_007_199_254_740_992.0;
    /** Any decimal of at most this many significant digits survives a trip through a normal double. */
    private static final int DBL_DIG = 15;
    private static final int MAX_SHORTEST_DIGITS = 17;
    private static final long EXPONENT_LIMIT = 1_000_000_000_000_000L;

    private JsNumbers() {
    }

    /**
     * A positive decimal {@code 0.digits × 10^n}: digits has no leading or trailing zeros, so
     * {@code digits × 10^(n − digits.length())} is the value. Zero is the empty digit string.
     */
    record Decimal(String digits, long n) {

        boolean isZero() {
            return digits.isEmpty();
        }

        /** The unsigned decimal literal in {@code text[from, to)} (JSON or Java syntax, no sign). */
        static Decimal parse(CharSequence text, int from, int to) {
            StringBuilder digits = new StringBuilder(Math.min(to - from, 32));
            long exponent = 0;
            int i = from;
            for (; i < to && isDigit(text.charAt(i)); i++) {
                appendSignificant(digits, text.charAt(i));
            }
            if (i < to && text.charAt(i) == '.') {
                for (i++; i < to && isDigit(text.charAt(i)); i++) {
                    appendSignificant(digits, text.charAt(i));
                    exponent--;
                }
            }
            if (i < to && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
                i++;
                boolean negative = false;
                if (i < to && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                    negative = text.charAt(i) == '-';
                    i++;
                }
                long e = 0;
                for (; i < to && isDigit(text.charAt(i)); i++) {
                    e = Math.min(e * 10 + (text.charAt(i) - '0'), EXPONENT_LIMIT);
                }
                exponent += negative ? -e : e;
            }
            int end = digits.length();
            while (end > 0 && digits.charAt(end - 1) == '0') {
                end--;
                exponent++;
            }
            return end == 0 ? new Decimal("", 0) : new Decimal(digits.substring(0, end), exponent + end);
        }

        private static void appendSignificant(StringBuilder digits, char c) {
            if (c != '0' || digits.length() > 0) {
                digits.append(c);
            }
        }
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Number::toString of a finite double. */
    static String toString(double value) {
        if (value == 0) {
            return "0";
        }
        double abs = Math.abs(value);
        if (abs < TWO_TO_53 && abs == Math.rint(abs)) {
            return Long.toString((long) value);
        }
        return format(value < 0, shortest(abs));
    }

    /**
     * Whether {@code literal}, the exact value of a JSON number literal, is what
     * {@code JSON.stringify(JSON.parse(literal))} gives back, numerically.
     */
    static boolean keepsValue(Decimal literal, double parsed) {
        if (literal.isZero()) {
            return true;
        }
        double abs = Math.abs(parsed);
        if (literal.digits().length() > MAX_SHORTEST_DIGITS || abs == 0 || Double.isInfinite(abs)) {
            return false;
        }
        if (literal.digits().length() <= DBL_DIG && abs >= Double.MIN_NORMAL) {
            return true;
        }
        return shortest(abs).equals(literal);
    }

    /**
     * The shortest decimal that reads back as {@code abs} (a positive finite double), the one
     * closest to it if several have that length: the digits of Number::toString.
     */
    static Decimal shortest(double abs) {
        if (abs < TWO_TO_53 && abs == Math.rint(abs)) {
            String s = Long.toString((long) abs);
            return Decimal.parse(s, 0, s.length());
        }
        // JDK 17's Double.toString round-trips but is not always shortest (JDK-4511638). When it
        // gives at most 15 digits for a normal double, no other decimal that short reads back as
        // the same double, so they are the shortest.
        String java = Double.toString(abs);
        Decimal candidate = Decimal.parse(java, 0, java.length());
        if (candidate.digits().length() <= DBL_DIG && abs >= Double.MIN_NORMAL && Double.parseDouble(java) == abs) {
            return candidate;
        }
        return search(abs);
    }

    /**
     * Binary search over precisions (if some p-digit decimal reads back, so does a (p+1)-digit
     * one), starting at 15 since most doubles that get here need 16 or 17 digits.
     */
    private static Decimal search(double abs) {
        RoundingInterval interval = new RoundingInterval(abs);
        BigDecimal found = interval.nearestThatReadsBack(DBL_DIG);
        int low = found == null ? DBL_DIG + 1 : 1;
        int high = found == null ? MAX_SHORTEST_DIGITS : DBL_DIG - 1;
        while (low <= high) {
            int precision = (low + high) >>> 1;
            BigDecimal candidate = interval.nearestThatReadsBack(precision);
            if (candidate != null) {
                found = candidate;
                high = precision - 1;
            } else {
                low = precision + 1;
            }
        }
        if (found == null) {
            found = new BigDecimal(Double.toString(abs));
        }
        BigDecimal stripped = found.stripTrailingZeros();
        String digits = stripped.unscaledValue().toString();
        return new Decimal(digits, (long) digits.length() - stripped.scale());
    }

    /** The decimals that round to a positive finite double: halfway to its neighbours, ties to even. */
    private static final class RoundingInterval {
        private static final BigDecimal HALF = new BigDecimal("0.5");

        private final BigDecimal exact;
        private final BigDecimal lower;
        private final BigDecimal upper;
        private final boolean boundsReadBack;

        RoundingInterval(double abs) {
            exact = new BigDecimal(abs);
            lower = exact.add(new BigDecimal(Math.nextDown(abs))).multiply(HALF);
            BigDecimal above = abs == Double.MAX_VALUE ? exact.add(new BigDecimal(Math.ulp(abs)))
                    : new BigDecimal(Math.nextUp(abs));
            upper = exact.add(above).multiply(HALF);
            boundsReadBack = (Double.doubleToRawLongBits(abs) & 1) == 0;
        }

        boolean readsBack(BigDecimal decimal) {
            int fromLower = decimal.compareTo(lower);
            int toUpper = decimal.compareTo(upper);
            return boundsReadBack ? fromLower >= 0 && toUpper <= 0 : fromLower > 0 && toUpper < 0;
        }

        /**
         * Of the two {@code precision}-digit decimals either side of the exact value, the one that
         * reads back, the closer one if both do; null if neither does.
         */
        BigDecimal nearestThatReadsBack(int precision) {
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.DOWN));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.UP));
            boolean downReadsBack = readsBack(down);
            if (down.compareTo(up) == 0) {
                return downReadsBack ? down : null;
            }
            boolean upReadsBack = readsBack(up);
            if (downReadsBack && upReadsBack) {
                int closer = exact.subtract(down).compareTo(up.subtract(exact));
                if (closer == 0) {
                    return down.unscaledValue().testBit(0) ? up : down;
                }
                return closer < 0 ? down : up;
            }
            return downReadsBack ? down : upReadsBack ? up : null;
        }
    }

    /** The layout of ECMA-262 Number::toString, steps 6 to 10. */
    static String format(boolean negative, Decimal decimal) {
        String s = decimal.digits();
        int k = s.length();
        long n = decimal.n();
        StringBuilder out = new StringBuilder(k + 8);
        if (negative) {
            out.append('-');
        }
        if (k <= n && n <= 21) {
            out.append(s);
            out.append("0".repeat((int) (n - k)));
        } else if (0 < n && n <= 21) {
            out.append(s, 0, (int) n).append('.').append(s, (int) n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat((int) -n)).append(s);
        } else {
            long e = n - 1;
            out.append(s.charAt(0));
            if (k > 1) {
                out.append('.').append(s, 1, k);
            }
            out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return out.toString();
    }
}
