package io.keyval.kv.http;

import io.keyval.host.testing.HostSetup;
import io.keyval.host.testing.PostgresSchema;

class PostgresLargeValuesInASmallHeapTest extends LargeValuesInASmallHeapContract {

    private PostgresSchema schema;

    @Override
    HostSetup setup() {
        schema = PostgresSchema.create();
        return schema.hostSetup();
    }

    @Override
    void cleanUp() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }
}
