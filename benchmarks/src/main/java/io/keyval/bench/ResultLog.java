package io.keyval.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints every result as one JSON line on stdout and keeps it for the summary table. */
final class ResultLog {

    private final PrintStream out;
    private final List<Result> results = new ArrayList<>();

    /** @param out where the JSON lines go */
    ResultLog(PrintStream out) {
        this.out = out;
    }

    /** @param result printed and kept */
    void add(Result result) {
        results.add(result);
        out.println(result.toJson());
        out.flush();
    }

    /** @return everything logged so far */
    List<Result> results() {
        return List.copyOf(results);
    }
}
