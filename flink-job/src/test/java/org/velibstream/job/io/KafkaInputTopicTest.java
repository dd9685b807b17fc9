package org.velibstream.job.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.velibstream.job.settings.JobConfiguration;
import org.velibstream.job.settings.JobSettings;
import org.velibstream.job.settings.KafkaClientProperties;
import org.velibstream.job.settings.KafkaSettings;
import org.velibstream.job.settings.Secrets;

/**
 * What the submission says when the raw topic is missing and the job may not create it. (The broker the tests start
 * has no authorizer, so the refusals are built here; KafkaInputTopicITCase covers creation and a broker's refusal.)
 */
class KafkaInputTopicTest {

    @Test
    void withoutTheCreateRightTheMessageNamesTheTopicTheCommandAndTheAcl() throws Exception {
        KafkaSettings kafka = settings("--kafka-sasl-username", "velib");

        KafkaAccessException refusal = KafkaInputTopic.creationRefused(
                kafka, new ClusterAuthorizationException("Cluster authorization failed."));

        assertThat(refusal.getMessage())
                .startsWith("The input topic velib-projet does not exist on Kafka at kafka:9094, and User:velib may "
                        + "not create it (Cluster authorization failed.)")
                .contains("`kafka-topics.sh --bootstrap-server kafka:9094 --create --topic velib-projet --partitions 3"
                        + " --replication-factor 1`")
                .contains("`kafka-acls.sh --bootstrap-server kafka:9094 --add --allow-principal User:velib"
                        + " --operation Create --topic velib-projet`");
        assertThat(KafkaInputTopic.creationRefused(kafka, new TopicAuthorizationException("Not authorized.")))
                .hasMessageContaining("may not create it")
                .hasMessageContaining("--operation Create");
    }

    @Test
    void aBrokerThatRefusesTheTopicAsAskedIsNamedWithTheOptionsThatAskedIt() throws Exception {
        KafkaSettings kafka = settings("--topic-replication", "3");

        assertThat(KafkaInputTopic.creationRefused(
                        kafka, new InvalidReplicationFactorException("Replication factor: 3 larger than brokers: 1.")))
                .hasMessageContaining("Kafka refused to create it with 3 partitions and replication 3: Replication "
                        + "factor: 3 larger than brokers: 1.")
                .hasMessageContaining("--topic-partitions and --topic-replication")
                .hasMessageNotContaining("kafka-acls.sh");
        assertThat(KafkaInputTopic.creationRefused(kafka, new PolicyViolationException("Topics are made by hand.")))
                .hasMessageContaining("Topics are made by hand.");
    }

    @Test
    void aTopicTheJobMayNotDescribeIsOneItCannotReadEither() throws Exception {
        KafkaSettings kafka = settings("--kafka-sasl-username", "velib", "--raw-topic", "feeds");

        assertThat(KafkaInputTopic.describeRefused(kafka, new TopicAuthorizationException("Not authorized.")))
                .hasMessageStartingWith("User:velib may not describe the input topic feeds")
                .hasMessageContaining("--operation Read --operation Describe --topic feeds --group velib-stream");
    }

    @Test
    void thePrincipalIsTheSaslUserOrAnonymousWithoutSecurity() throws Exception {
        assertThat(KafkaInputTopic.principal(settings("--kafka-sasl-username", "velib")))
                .isEqualTo("User:velib");
        assertThat(KafkaInputTopic.principal(settings())).isEqualTo("User:ANONYMOUS");
        assertThat(KafkaInputTopic.principal(settings("--kafka-truststore", "ca.p12")))
                .isEqualTo("User:<the job's principal>");
    }

    @Test
    void theSourceRunsOneReaderPerPartitionAtMost() {
        assertThat(KafkaInputTopic.readers(2, 1)).hasValue(1);
        assertThat(KafkaInputTopic.readers(4, 3)).hasValue(3);
        assertThat(KafkaInputTopic.readers(2, 2)).isEmpty();
        assertThat(KafkaInputTopic.readers(2, 6)).isEmpty();
        // Parallelism not set on the environment: the cluster's default decides, and is left alone.
        assertThat(KafkaInputTopic.readers(-1, 1)).isEmpty();
    }

    private static KafkaSettings settings(String... options) throws Exception {
        String[] args = new String[options.length + 4];
        args[0] = "--source";
        args[1] = "kafka";
        args[2] = "--kafka-bootstrap";
        args[3] = options.length > 0 && options[0].equals("--kafka-sasl-username") ? "kafka:9094" : "kafka:9092";
        System.arraycopy(options, 0, args, 4, options.length);
        Secrets secrets = new Secrets(Map.of(
                KafkaClientProperties.SASL_PASSWORD_VARIABLE, "secret",
                KafkaClientProperties.TRUSTSTORE_PASSWORD_VARIABLE, "secret"));
        return JobSettings.from(JobConfiguration.fromArgs(args), secrets).requireKafka();
    }
}
