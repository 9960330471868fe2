package io.keyval.kv;

/**
 * The body of {@link Kv#transaction}.
 *
 * @param <T> its result type
 */
@FunctionalInterface
public interface TransactionFunction<T> {

    /**
     * @param tx the transaction context
     * @return the result reported in {@link TransactionResult#value()}
     * @throws Exception aborts the transaction without retry
     */
    T apply(KvTransaction tx) throws Exception;
}
