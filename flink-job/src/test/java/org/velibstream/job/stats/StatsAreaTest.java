package org.velibstream.job.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;
import org.velibstream.data.areas.AreaKind;

class StatsAreaTest {

    @Test
    void theKeyGroupOfAnAreaIsTheSameInEveryJvm() {
        StatsArea area = new StatsArea("velib", AreaKind.POSTAL_CODE, "75011");

        // String hash codes are specified, so these numbers hold in any JVM, before and after a restore; an enum's
        // identity hash code would not (a restored job put the stations of an area in another key group).
        assertThat(area.hashCode()).isEqualTo(110_007_878);
        assertThat(KeyGroupRangeAssignment.assignToKeyGroup(area, 128))
                .isEqualTo(KeyGroupRangeAssignment.computeKeyGroupForKeyHash(110_007_878, 128));
        assertThat(area).isEqualTo(new StatsArea("velib", AreaKind.POSTAL_CODE, "75011"));
        assertThat(area).isNotEqualTo(new StatsArea("velib", AreaKind.USER_AREA, "75011"));
    }
}
