package io.herald.platform;

import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Started as a separate JVM by tests: runs an embedded PostgreSQL on the given data directory, prints "ready" and
 * waits to be killed. A SIGKILL leaves the PostgreSQL server running without its owner, as after a crash.
 */
public final class PostgresInAJvmThatDies {

	public static void main(String[] args) throws Exception {
		EmbeddedPostgres.builder().setDataDirectory(Path.of(args[0])).setCleanDataDirectory(false).start();
		System.out.println("ready");
		System.out.flush();
		// this JVM's whole job is to stay alive, owning the server, until the test kills it
		Thread.sleep(Long.MAX_VALUE);
	}

}
