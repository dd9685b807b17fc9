package org.velibstream.sink.alertmanager;

import java.io.IOException;

/** No Alertmanager took a batch of alerts, with the reason and what to do in the message; Flink restarts the job. */
public class AlertmanagerSinkException extends IOException {

    public AlertmanagerSinkException(String message) {
        super(message);
    }
}
