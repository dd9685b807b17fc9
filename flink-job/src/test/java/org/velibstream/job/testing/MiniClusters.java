package org.velibstream.job.testing;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniCluster the job's integration tests run on: small, since the build machine has two cores. */
public final class MiniClusters {

    public static final int SLOTS = 2;

    private MiniClusters() {}

    /** One TaskManager with {@value #SLOTS} slots, enough for parallelism {@value #SLOTS}. */
    public static MiniClusterExtension withTwoSlots() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(SLOTS)
                .build());
    }
}
