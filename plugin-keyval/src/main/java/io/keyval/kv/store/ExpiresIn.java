package io.keyval.kv.store;

import io.keyval.kv.KvValidationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code expiresIn} time to live (docs/http-api.md §3.3): a positive whole number of milliseconds, or a
 * duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, {@code 1w}, {@code 1y}
 * (a year is 365.25 days, as in the {@code ms} package). Up to 2<sup>53</sup>−1 ms.
 */
public final class ExpiresIn {

    private static final long MAX_SAFE = 9007199254740991L;
    private static final Pattern MILLIS = Pattern.compile("\\d+");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d|w|y)");
    private static final Map<String, BigDecimal> UNIT_MILLIS = Map.of(
            "ms", BigDecimal.ONE,
            "s", BigDecimal.valueOf(1_000L),
            "m", BigDecimal.valueOf(60_000L),
            "h", BigDecimal.valueOf(3_600_000L),
            "d", BigDecimal.valueOf(86_400_000L),
            "w", BigDecimal.valueOf(604_800_000L),
            "y", BigDecimal.valueOf(31_557_600_000L));

    private ExpiresIn() {
    }

    /**
     * @param raw the parameter text, or {@code null} when absent
     * @return the time to live in ms, or {@code null} for none
     * @throws KvValidationException when present but not a positive number or duration
     */
    public static Long parse(String raw) {
        if (raw == null) {
            return null;
        }
        BigDecimal millis = null;
        if (MILLIS.matcher(raw).matches()) {
            millis = new BigDecimal(raw);
        } else {
            Matcher m = DURATION.matcher(raw);
            if (m.matches()) {
                millis = new BigDecimal(m.group(1)).multiply(UNIT_MILLIS.get(m.group(2)))
                        .setScale(0, RoundingMode.HALF_UP);
            }
        }
        if (millis == null || millis.signum() <= 0 || millis.compareTo(BigDecimal.valueOf(MAX_SAFE)) > 0) {
            throw new KvValidationException(
                    "expiresIn must be a positive number of milliseconds or a duration like 30s, received " + raw);
        }
        return millis.longValueExact();
    }
}
