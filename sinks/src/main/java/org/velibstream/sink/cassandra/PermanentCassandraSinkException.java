package org.velibstream.sink.cassandra;

import org.apache.flink.runtime.throwable.ThrowableAnnotation;
import org.apache.flink.runtime.throwable.ThrowableType;

/**
 * A failure that retrying or restarting cannot fix: wrong CQL, missing keyspace or table, bad credentials or TLS
 * settings, bind values that do not fit the statement. Flink does not restart a job that fails with it.
 */
@ThrowableAnnotation(ThrowableType.NonRecoverableError)
public final class PermanentCassandraSinkException extends CassandraSinkException {

    public PermanentCassandraSinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
