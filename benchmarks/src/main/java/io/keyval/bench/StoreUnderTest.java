package io.keyval.bench;

/** A store measured in-process: the KeyVal Java API or its raw JDBC baseline, on a fresh database. */
interface StoreUnderTest extends AutoCloseable {

    /** @return the {@code system} of its result lines */
    String system();

    /** @return the {@code mode} of its result lines */
    String mode();

    /** @return its durability setting in words */
    String durability();

    /** @return opens one client per benchmark thread */
    ClientFactory<StoreClient> clients();
}
