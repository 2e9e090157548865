package org.ecoplan.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Library logs (zonky, kafka-clients, our infrastructure classes) go to a file; the terminal shows
 * only the launcher's own progress lines.
 */
final class LauncherLogging {

    private LauncherLogging() {
    }

    static void toFile(Path logFile) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$-7s [%3$s] %5$s%6$s%n");
        try {
            Files.createDirectories(logFile.getParent());
            LogManager.getLogManager().reset();
            Handler file = new FileHandler(logFile.toString(), 10_000_000, 1, true);
            file.setFormatter(new SimpleFormatter());
            Logger root = Logger.getLogger("");
            root.addHandler(file);
            root.setLevel(Level.INFO);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + logFile, e);
        }
    }
}
