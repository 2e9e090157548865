package org.ecoplan.plan.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real seed document, read from the project's seeds/ folder (surefire runs in the module directory). */
final class SeedDocument {

    static final Path PATH = Path.of("../seeds/000_81ef91949f25cf71.txt");

    private SeedDocument() {
    }

    static String text() {
        try {
            return Files.readString(PATH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedDocument parsed() {
        return new PlanDocumentParser(CityRegistry.loadDefault()).parse(text());
    }
}
