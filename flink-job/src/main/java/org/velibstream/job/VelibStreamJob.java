package org.velibstream.job;

import org.velibstream.job.options.JobConfiguration;

public final class VelibStreamJob {
    public static void main(String[] args) throws Exception {
        System.out.println(JobConfiguration.markdownTable());
        System.out.println(org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.class.getName());
    }
}
