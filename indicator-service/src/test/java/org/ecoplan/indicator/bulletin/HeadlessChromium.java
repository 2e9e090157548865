package org.ecoplan.indicator.bulletin;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Chromium from the machine, run headless on a page for its DOM after the page's scripts ran
 * ({@code --dump-dom}). No driver, no download: the distribution's package ({@code apt-get install chromium}) or any
 * Chrome binary named by {@code -Decoplan.chromium=/path} or the {@code ECOPLAN_CHROMIUM} environment variable.
 */
final class HeadlessChromium {

    static final String MISSING = "No Chromium found (PATH: chromium, chromium-browser, google-chrome, google-chrome-stable; "
            + "or -Decoplan.chromium=/path): the headless-browser check of the bulletin's charts is skipped. "
            + "Install it with: apt-get install chromium (Debian/Ubuntu)";
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    private static final long TIMEOUT_SECONDS = 90;

    private HeadlessChromium() {
    }

    /** The browser to use, if any. */
    static Optional<Path> find() {
        String named = System.getProperty("ecoplan.chromium", System.getenv("ECOPLAN_CHROMIUM"));
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return NAMES.stream()
                .flatMap(name -> Stream.of(path.split(File.pathSeparator)).filter(folder -> !folder.isEmpty())
                        .map(folder -> Path.of(folder, name)))
                .filter(Files::isExecutable).findFirst();
    }

    /**
     * Loads {@code html} from a file in a fresh profile and returns the DOM once the page has loaded (scripts given
     * five seconds of virtual time). Fails with the browser's own messages when it does not answer.
     */
    static String dumpDom(Path browser, String html) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("bulletin-browser");
        try {
            Path page = folder.resolve("bulletin.html");
            Files.writeString(page, html);
            Path out = folder.resolve("dom.html");
            Path err = folder.resolve("stderr.txt");
            List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless", "--disable-gpu",
                    // The sandbox needs kernel features a container (and root) may not have; the page is our own.
                    "--no-sandbox", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                    "--disable-extensions", "--hide-scrollbars", "--window-size=1024,1400",
                    "--user-data-dir=" + folder.resolve("profile"), "--virtual-time-budget=5000", "--dump-dom",
                    page.toUri().toString()));
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(browser + " did not finish within " + TIMEOUT_SECONDS + " s: " + tail(err));
            }
            String dom = Files.readString(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0 || dom.isBlank()) {
                throw new AssertionError(browser + " exited with " + process.exitValue() + ": " + tail(err));
            }
            return dom;
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    private static String tail(Path file) throws IOException {
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }
}
