package org.fundchain.contract.api;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact yuan amounts with fen precision: {@code BigDecimal} of scale 2, never floating point. Parsing refuses
 * more than two decimals, negatives, exponents and amounts above {@link #MAX}; it never rounds.
 */
public final class Money {
    /** Upper bound (one trillion yuan) so that no amount can overflow a long number of fen. */
    public static final BigDecimal MAX = new BigDecimal("1000000000000.00");
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private Money() {
    }

    /** Parses {@code "123.45"}, {@code "100"} or a JSON number into scale 2. */
    public static BigDecimal parse(Object value, String what) {
        BigDecimal d;
        if (value instanceof String s) {
            if (s.isEmpty() || s.length() > 20 || !s.matches("[0-9]+(\\.[0-9]{1,2})?")) {
                throw ContractException.badArgument(what + " must be a yuan amount like 123.45 (at most two decimals), got '"
                        + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'");
            }
            d = new BigDecimal(s);
        } else if (value instanceof BigDecimal b) {
            d = b;
        } else if (value instanceof Long || value instanceof Integer) {
            d = BigDecimal.valueOf(((Number) value).longValue());
        } else {
            throw ContractException.badArgument(what + " is required (a yuan amount like 123.45)");
        }
        if (d.signum() < 0) {
            throw ContractException.badArgument(what + " must not be negative, got " + d.toPlainString());
        }
        if (d.stripTrailingZeros().scale() > 2) {
            throw ContractException.badArgument(what + " has more than two decimals (fen precision): " + d.toPlainString());
        }
        d = d.setScale(2, RoundingMode.UNNECESSARY);
        if (d.compareTo(MAX) > 0) {
            throw ContractException.badArgument(what + " exceeds the maximum " + format(MAX));
        }
        return d;
    }

    /** Like {@link #parse} but also refuses zero. */
    public static BigDecimal parsePositive(Object value, String what) {
        BigDecimal d = parse(value, what);
        if (d.signum() == 0) {
            throw ContractException.badArgument(what + " must be greater than zero");
        }
        return d;
    }

    /** Canonical text, always two decimals: {@code "100.00"}. */
    public static String format(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    public static long toFen(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).movePointRight(2).longValueExact();
    }

    public static BigDecimal ofFen(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    /**
     * The part {@code numerator/denominator} of {@code total}, rounded down to the fen. Callers give the
     * remainder to the other part so that the parts always add up to the total exactly.
     */
    public static BigDecimal shareFloor(BigDecimal total, long numerator, long denominator) {
        long fen = toFen(total);
        // fen <= 1e14 and numerator <= denominator <= 100 keep this inside a long
        return ofFen(Math.multiplyExact(fen, numerator) / denominator);
    }
}
