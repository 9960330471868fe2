package io.keyval.bench;

import java.util.Arrays;
import java.util.List;

/** W3: LIST_REPEATS full scans of the prefix in pages of LIST_PAGE; the median scan is reported. */
final class ScanWorkload {

    private ScanWorkload() {
    }

    /**
     * @param clients opens the scanning client
     * @param p the sizes; the store holds exactly {@code p.keys()} entries below the prefix
     * @return entries_per_s, scan_ms
     * @throws Exception on failure, {@link VerificationException} on a wrong count or value
     */
    static List<Figure> run(ClientFactory<? extends ScanClient> clients, WorkloadParameters p) throws Exception {
        long[] nanos = new long[p.listRepeats()];
        try (ScanClient client = clients.open()) {
            for (int r = 0; r < nanos.length; r++) {
                long start = System.nanoTime();
                long seen = client.scanAll(p.listPage());
                nanos[r] = System.nanoTime() - start;
                if (seen != p.keys()) {
                    throw new VerificationException("W3 scan saw " + seen + " entries, expected " + p.keys());
                }
            }
        }
        Arrays.sort(nanos);
        double medianMs = nanos[(nanos.length - 1) / 2] / 1e6;
        return List.of(
                new Figure("W3", "entries_per_s", p.keys() / (medianMs / 1e3), "entries/s"),
                new Figure("W3", "scan_ms", medianMs, "ms"));
    }
}
