package io.keyval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupCommitReferenceTest {

    private static final WorkloadParameters FOUR_WRITERS = new WorkloadParameters(100, 7, 10, 1, 4, 300, 1, 1, 10, 10, 10, 1, 10);

    @Test
    void everyTransactionHoldsOneUpdateOfEachWriterAndEveryUpdateLands() throws Exception {
        try (GroupCommitReference reference = new GroupCommitReference(new SqliteEngine("NORMAL").create())) {
            // CounterWorkloads checks each counter against its thread's commits and throws if one is off.
            List<Figure> figures = CounterWorkloads.groupCommitReference(reference, FOUR_WRITERS);

            assertEquals("commits_per_transaction", figures.get(1).metric());
            assertEquals(4.0, figures.get(1).value());
            assertEquals(300, reference.transactions());
        }
    }
}
