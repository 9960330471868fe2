package io.keyval.kv.http;

import io.keyval.host.testing.HostSetup;

class SqliteLargeValuesInASmallHeapTest extends LargeValuesInASmallHeapContract {

    @Override
    HostSetup setup() {
        return HostSetup.withShippedPlugins();
    }
}
