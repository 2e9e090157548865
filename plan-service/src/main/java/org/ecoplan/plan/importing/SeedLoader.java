package org.ecoplan.plan.importing;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Loads the configured seed document at start-up, so that a fresh install serves its plan at once. A
 * second start finds the same checksum and loads nothing twice.
 */
@ApplicationScoped
public class SeedLoader {

    private final Optional<Path> seedFile;
    private final PlanImportService importer;

    SeedLoader(@ConfigProperty(name = "ecoplan.catalogue.seed-file") Optional<Path> seedFile,
            PlanImportService importer) {
        this.seedFile = seedFile;
        this.importer = importer;
    }

    void onStart(@Observes StartupEvent event) {
        if (seedFile.isEmpty()) {
            return;
        }
        Path file = seedFile.get();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the seed document " + file.toAbsolutePath(), e);
        }
        var result = importer.importText(text,
                new PlanImportService.ImportRequest(file.getFileName().toString(), null, null), "seed");
        Log.infof("Seed document %s: %s (document %s)", file, result.outcome(), result.documentId());
    }
}
