package org.velibstream.job.settings;

/** The SASL mechanisms the job's Kafka clients can log in with ({@code --kafka-sasl-mechanism}). */
public enum SaslMechanism {
    SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule"),
    SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
    PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule");

    private final String kafkaName;
    private final String loginModule;

    SaslMechanism(String kafkaName, String loginModule) {
        this.kafkaName = kafkaName;
        this.loginModule = loginModule;
    }

    /** The JAAS login module of the mechanism. */
    public String loginModule() {
        return loginModule;
    }

    /** Kafka's name ({@code SCRAM-SHA-512}): what {@code sasl.mechanism} and the option take. */
    @Override
    public String toString() {
        return kafkaName;
    }
}
