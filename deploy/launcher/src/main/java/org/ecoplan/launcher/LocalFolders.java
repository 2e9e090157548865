package org.ecoplan.launcher;

import java.nio.file.Path;

/**
 * Where the local run keeps everything: {@code .ecoplan/} at the repository root (git-ignored).
 * <pre>
 *   .ecoplan/postgres/   PostgreSQL data (databases ecoplan_plan, _progress, _indicator, _notification)
 *   .ecoplan/kafka/      the Kafka broker's data, configuration and log (kafka/logs/broker.log)
 *   .ecoplan/keys/       the JWT key pair of this installation (privateKey.pem, publicKey.pem) and the key
 *                        that encrypts webhook secrets (webhook-secret.key)
 *   .ecoplan/logs/       launcher.log, postgres.log, &lt;service&gt;.log
 *   .ecoplan/run/        pid files of the running launcher and services
 *   .ecoplan/tmp/        temporary files, e.g. the unpacked PostgreSQL binaries
 * </pre>
 *
 * @param root the repository root: system property {@code ecoplan.root}, else the working directory
 */
public record LocalFolders(Path root) {

    public static LocalFolders fromSystem() {
        return new LocalFolders(Path.of(System.getProperty("ecoplan.root", ".")).toAbsolutePath().normalize());
    }

    public Path home() {
        return root.resolve(".ecoplan");
    }

    public Path postgres() {
        return home().resolve("postgres");
    }

    public Path kafka() {
        return home().resolve("kafka");
    }

    public Path keys() {
        return home().resolve("keys");
    }

    public Path logs() {
        return home().resolve("logs");
    }

    public Path run() {
        return home().resolve("run");
    }

    public Path log(String name) {
        return logs().resolve(name + ".log");
    }

    public Path pidFile(String name) {
        return run().resolve(name + ".pid");
    }
}
