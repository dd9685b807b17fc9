package org.velibstream.replay;

/**
 * The simulation's randomness: a uniform draw in [0, 1) that is a pure function of the seed, the kind of draw and
 * the keys (a station's index, an hour, a day...). Nothing is drawn in sequence, so any station at any instant can
 * be asked for in any order and the same seed always gives the same feed.
 */
record SeededDraws(long seed) {

    /**
     * Salts that keep the model's independent random draws apart. A kind's ordinal is its salt: reordering them
     * changes every simulated feed.
     */
    enum Draw {
        BASE_FILL,
        EBIKE_SHARE,
        BROKEN_DOCKS,
        OUT_OF_SERVICE,
        STALE,
        STALE_2018,
        MAINTENANCE,
        VAN,
        DRIFT,
        REPORT
    }

    /** A uniform draw in [0, 1), a pure function of the seed, the kind of draw and the keys (SplitMix64 mixing). */
    double unit(Draw draw, long... keys) {
        long h = mix(seed ^ mix(draw.ordinal() + 1L));
        for (long key : keys) {
            h = mix(h ^ mix(key));
        }
        return (h >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
