package org.ecoplan.launcher;

import java.nio.file.Path;

/**
 * Where a stack keeps everything. The local run uses {@code .ecoplan/} at the repository root (git-ignored);
 * the system tests a folder under their module's {@code target/}.
 * <pre>
 *   postgres/   PostgreSQL data (databases ecoplan_plan, _progress, _indicator, _notification)
 *   kafka/      the Kafka broker's data, configuration and log (kafka/logs/broker.log)
 *   keys/       the JWT key pair of this installation (privateKey.pem, publicKey.pem) and the key
 *               that encrypts webhook secrets (webhook-secret.key)
 *   logs/       launcher.log, postgres.log, &lt;service&gt;.log
 *   run/        pid files of the running launcher and services
 *   tmp/        temporary files, e.g. the unpacked PostgreSQL binaries
 * </pre>
 *
 * @param root the repository root (the services' jars and the seed document are found from here)
 * @param home the folder holding the data, keys, logs and pid files
 */
public record LocalFolders(Path root, Path home) {

    /** The local run's layout: {@code .ecoplan/} under {@code root}. */
    public LocalFolders(Path root) {
        this(root, root.resolve(".ecoplan"));
    }

    /** @return the local run's folders: root from system property {@code ecoplan.root}, else the working directory */
    public static LocalFolders fromSystem() {
        return new LocalFolders(Path.of(System.getProperty("ecoplan.root", ".")).toAbsolutePath().normalize());
    }

    public Path postgres() {
        return home.resolve("postgres");
    }

    public Path kafka() {
        return home.resolve("kafka");
    }

    public Path keys() {
        return home.resolve("keys");
    }

    public Path logs() {
        return home.resolve("logs");
    }

    public Path run() {
        return home.resolve("run");
    }

    public Path tmp() {
        return home.resolve("tmp");
    }

    public Path log(String name) {
        return logs().resolve(name + ".log");
    }

    public Path pidFile(String name) {
        return run().resolve(name + ".pid");
    }
}
