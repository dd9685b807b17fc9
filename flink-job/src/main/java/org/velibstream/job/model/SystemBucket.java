package org.velibstream.job.model;

import java.util.Objects;

/**
 * The key of {@link FeedRemovalTracker}: one of {@link #BUCKETS} fixed shares of a bike-share system's stations, so
 * that one large system spreads over the job's slots instead of sitting on one.
 *
 * <p>A station's bucket depends on its station key alone, through arithmetic fixed here, so a station is in the same
 * bucket in every JVM, on every run and after every restore. Changing {@link #BUCKETS} or {@link #bucketOf(String)}
 * changes the key of the tracker's state: it then needs a new uid, as a new key type does.
 *
 * @param systemId the bike-share system
 * @param bucket the share of the system's stations, from 0 to {@link #BUCKETS} - 1
 */
public record SystemBucket(String systemId, int bucket) {

    /**
     * How many shares a system's stations are split into: the most slots one system can use in the tracker. Each
     * feed document costs one small announcement per bucket ({@link AnnounceFeedDocuments}) and each bucket holding
     * stations one cleanup timer, so more buckets cost the many small systems more than they give a large one: 32
     * gives Vélib' (1,500 stations) about 47 stations per bucket, and adds 32 records to a document of 1,500.
     */
    public static final int BUCKETS = 32;

    private static final int BUCKET_BITS = Integer.numberOfTrailingZeros(BUCKETS);

    /** Fibonacci hashing's multiplier (2^32 / golden ratio): spreads codes that differ in their last digits. */
    private static final int SPREAD = 0x9E3779B9;

    public SystemBucket {
        Objects.requireNonNull(systemId, "systemId");
        if (bucket < 0 || bucket >= BUCKETS) {
            throw new IllegalArgumentException("bucket " + bucket + " is not in [0, " + BUCKETS + ")");
        }
    }

    /** The bucket of the station {@code stationKey} of {@code systemId}. */
    public static SystemBucket of(String systemId, String stationKey) {
        return new SystemBucket(systemId, bucketOf(stationKey));
    }

    /**
     * The top bits of the station key's hash times {@link #SPREAD}: {@code String.hashCode()} is specified by the JDK,
     * and its own low bits would put numeric codes in few buckets (31 is -1 modulo 32).
     */
    public static int bucketOf(String stationKey) {
        return (stationKey.hashCode() * SPREAD) >>> (Integer.SIZE - BUCKET_BITS);
    }

    /**
     * Spelled out, not left to the record's generated {@code hashCode()}, whose formula the JDK does not specify:
     * Flink puts a key in its key group by {@code hashCode()}, which must be the same in every JVM and after every
     * restore.
     */
    @Override
    public int hashCode() {
        return 31 * systemId.hashCode() + bucket;
    }
}
