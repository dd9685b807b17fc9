package org.velibstream.sink.alertmanager;

import java.io.Serializable;

/**
 * Turns a record into the alert posted for it. Records of the same condition (its opening, its resolution) must map to
 * the same labels, and different conditions to different labels: Alertmanager knows alerts by their labels only.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface AlertmanagerAlertMapper<T> extends Serializable {

    AlertmanagerAlert toAlert(T record);
}
