package org.ecoplan.systemtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.ecoplan.launcher.LocalService;

/**
 * A steady stream of progress reports, filed and reviewed as departments and supervisors do it from their
 * phones: each report is filed and submitted in one POST with an Idempotency-Key, then approved (three in four)
 * or returned with If-Match and an Idempotency-Key of its own; every request is retried on connection errors
 * and 503 ({@link Http}). Reports are released at a fixed pace; the reports of one measure are filed and
 * reviewed one after the other by one worker, so the test knows which approved report sets a measure's official
 * status. What each report became is recorded ({@link Report}).
 */
final class ReportTraffic {

    /** One sampled measure and the department (LEAD or RESPONSIBLE on it) that reports on it. */
    record Assignment(String measureId, String department) {
    }

    /** A report as planned, and what became of it. */
    static final class Report {
        final int number;
        final Assignment assignment;
        final String status;
        final int percent;
        final boolean approve;
        volatile String id;
        volatile String etag;
        /** SUBMITTED once filed; APPROVED or RETURNED once reviewed. */
        volatile String state;
        volatile String failure;

        Report(int number, Assignment assignment, String status, int percent, boolean approve) {
            this.number = number;
            this.assignment = assignment;
            this.status = status;
            this.percent = percent;
            this.approve = approve;
        }

        String reporter() {
            return "st." + assignment.department().toLowerCase() + ".reporter";
        }

        boolean accepted() {
            return id != null;
        }
    }

    private static final String SUPERVISOR = "st.supervisor";
    private static final Report END = new Report(-1, null, null, 0, false);

    private final RunningEcoPlan ecoplan;
    private final List<Assignment> sample;
    private final double perSecond;
    private final Random random;
    private final String run;
    private final List<Report> reports = new CopyOnWriteArrayList<>();
    private final Map<String, String> reporterTokens = new LinkedHashMap<>();
    private final String supervisorToken;

    ReportTraffic(RunningEcoPlan ecoplan, List<Assignment> sample, double perSecond, long seed, String run) {
        this.ecoplan = ecoplan;
        this.sample = List.copyOf(sample);
        this.perSecond = perSecond;
        this.random = new Random(seed);
        this.run = run;
        for (Assignment assignment : sample) {
            reporterTokens.computeIfAbsent(assignment.department(), department -> ecoplan.token("reporter", department,
                    "st." + department.toLowerCase() + ".reporter"));
        }
        this.supervisorToken = ecoplan.token("supervisor", null, SUPERVISOR);
    }

    List<Report> reports() {
        return List.copyOf(reports);
    }

    /**
     * Files and reviews reports at the pace until at least {@code minimum} were released and {@code mayStop} says
     * so, then waits for the workers to finish what they hold.
     */
    void run(int minimum, int workers, BooleanSupplier mayStop) throws InterruptedException {
        List<BlockingQueue<Report>> queues = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            BlockingQueue<Report> queue = new LinkedBlockingQueue<>();
            queues.add(queue);
            Thread thread = new Thread(() -> work(queue), "report-worker-" + i);
            threads.add(thread);
            thread.start();
        }
        long interval = (long) (1_000_000_000L / perSecond);
        long next = System.nanoTime();
        for (int number = 0; number < minimum || !mayStop.getAsBoolean(); number++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            next += interval;
            int measure = number % sample.size();
            Report report = plan(number, sample.get(measure));
            reports.add(report);
            // One worker per measure: a measure's reports are filed and reviewed in order.
            queues.get(measure % workers).put(report);
        }
        for (BlockingQueue<Report> queue : queues) {
            queue.put(END);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private Report plan(int number, Assignment assignment) {
        int roll = random.nextInt(100);
        String status = roll < 40 ? "ON_TRACK" : roll < 65 ? "AT_RISK" : roll < 75 ? "DELAYED" : "COMPLETED";
        int percent = switch (status) {
            case "COMPLETED" -> 100;
            case "DELAYED" -> random.nextInt(41);
            case "AT_RISK" -> 10 + random.nextInt(51);
            default -> 10 + random.nextInt(81);
        };
        return new Report(number, assignment, status, percent, random.nextInt(4) != 0);
    }

    private void work(BlockingQueue<Report> queue) {
        try {
            for (Report report = queue.take(); report != END; report = queue.take()) {
                try {
                    fileAndReview(report);
                } catch (RuntimeException e) {
                    report.failure = e.getMessage();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fileAndReview(Report report) {
        Http http = ecoplan.http();
        String key = "st-" + run + "-" + report.number;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("measureId", report.assignment.measureId());
        body.put("kind", "AD_HOC");
        body.put("status", report.status);
        body.put("percentComplete", report.percent);
        body.put("narrative", "系统测试 #" + report.number + "：" + report.status);
        body.put("submit", true);
        Http.Response filed = http.post(ecoplan.uri(LocalService.PROGRESS, "/reports"),
                reporterTokens.get(report.assignment.department()), body, key, Map.of());
        if (filed.status() != 201) {
            report.failure = "file: " + filed;
            return;
        }
        report.id = filed.json().path("id").asText();
        report.etag = filed.header("ETag").orElse(null);
        report.state = "SUBMITTED";
        Http.Response reviewed = report.approve
                ? http.post(ecoplan.uri(LocalService.PROGRESS, "/reports/" + report.id + "/approve"), supervisorToken, null,
                        key + "-review", Map.of("If-Match", report.etag))
                : http.post(ecoplan.uri(LocalService.PROGRESS, "/reports/" + report.id + "/return"), supervisorToken,
                        Map.of("reason", "请补充现场照片 #" + report.number), key + "-review", Map.of("If-Match", report.etag));
        if (reviewed.status() != 200) {
            report.failure = (report.approve ? "approve: " : "return: ") + reviewed;
            return;
        }
        report.state = report.approve ? "APPROVED" : "RETURNED";
    }
}
