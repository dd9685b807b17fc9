package org.velibstream.sink.alertmanager;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * One alert as Alertmanager's v2 API takes it. Alertmanager identifies an alert by its label set alone (its
 * fingerprint), so posting the same labels again updates that alert instead of adding one: this is what makes the
 * sink's replays and refreshes harmless.
 *
 * @param labels the alert's identity; at least one, names as Prometheus allows them ({@code [a-zA-Z_][a-zA-Z0-9_]*})
 * @param annotations what a person reads, not part of the identity
 * @param startsAt when the condition started
 * @param endsAt when it ended: null while it is still open
 */
public record AlertmanagerAlert(
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        @Nullable Instant endsAt) implements Serializable {

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public AlertmanagerAlert {
        labels = sortedCopy(labels, "labels");
        annotations = sortedCopy(annotations, "annotations");
        Objects.requireNonNull(startsAt, "startsAt");
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("an alert needs at least one label (usually alertname)");
        }
        for (String name : labels.keySet()) {
            if (!LABEL_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "label name '" + name + "' is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)");
            }
        }
        if (endsAt != null && endsAt.isBefore(startsAt)) {
            throw new IllegalArgumentException("endsAt " + endsAt + " is before startsAt " + startsAt);
        }
    }

    /** An alert still open: Alertmanager keeps it firing as long as it is posted again before it expires. */
    public static AlertmanagerAlert open(
            Map<String, String> labels, Map<String, String> annotations, Instant startsAt) {
        return new AlertmanagerAlert(labels, annotations, startsAt, null);
    }

    /** An alert that ended at {@code endsAt}: Alertmanager marks the alert with the same labels resolved. */
    public static AlertmanagerAlert resolved(
            Map<String, String> labels, Map<String, String> annotations, Instant startsAt, Instant endsAt) {
        return new AlertmanagerAlert(labels, annotations, startsAt, Objects.requireNonNull(endsAt, "endsAt"));
    }

    /** Not a field of the checkpointed state: it follows from {@code endsAt}. */
    @JsonIgnore
    public boolean isOpen() {
        return endsAt == null;
    }

    private static Map<String, String> sortedCopy(Map<String, String> map, String what) {
        Objects.requireNonNull(map, what);
        TreeMap<String, String> copy = new TreeMap<>();
        map.forEach((name, value) -> copy.put(
                Objects.requireNonNull(name, what + " name"),
                Objects.requireNonNull(value, () -> what + " " + name + " has no value")));
        return Collections.unmodifiableMap(copy);
    }
}
