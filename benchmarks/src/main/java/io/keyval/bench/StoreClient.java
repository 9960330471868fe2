package io.keyval.bench;

/** A client of a store that runs every in-process workload (W1-W4b). */
public interface StoreClient extends PointClient, ScanClient, CounterClient {
}
