package io.keyval.kv.where;

import java.util.List;

/** The parsed filter: a two-valued boolean tree over field tests. */
sealed interface Condition {

    /** @param parts all must hold; none = TRUE */
    record All(List<Condition> parts) implements Condition {
    }

    /** @param parts at least one must hold; none = FALSE */
    record Any(List<Condition> parts) implements Condition {
    }

    /** @param inner the exact complement of this */
    record Not(Condition inner) implements Condition {
    }

    /**
     * @param path the field
     * @param test what the field must satisfy
     */
    record Field(FieldPath path, FieldTest test) implements Condition {
    }
}
