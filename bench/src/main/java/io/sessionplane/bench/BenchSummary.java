package io.sessionplane.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Issue 15's targets as each scenario measured them: a scenario writes its rows to
 * {@code bench/results/targets-<scenario>.tsv} (target, min / median / max of its runs, holds or not), and
 * {@code bench/run.sh all} ends by printing every scenario's rows as one table ({@code main}).
 */
final class BenchSummary {
    private final String scenario;
    private final List<String> rows = new ArrayList<>();

    BenchSummary(String scenario) {
        this.scenario = scenario;
    }

    /** Values of several runs against a bound; {@code atMost}: lower is better. */
    BenchSummary target(String target, List<Double> values, String format, String unit, double bound,
            boolean atMost) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        double median = sorted.get(sorted.size() / 2);
        boolean holds = atMost ? median <= bound : median >= bound;
        String measured = String.format(format + " / " + format + " / " + format, sorted.get(0), median,
                sorted.get(sorted.size() - 1)) + (unit.isEmpty() ? "" : " " + unit);
        return row(target, measured + " (" + values.size() + " runs)", holds);
    }

    BenchSummary row(String target, String measured, boolean holds) {
        rows.add(target + "\t" + measured + "\t" + (holds ? "yes" : "no"));
        return this;
    }

    /** Prints this scenario's rows and writes them for the summary of {@code bench/run.sh all}. */
    void write() throws IOException {
        print(scenario, rows);
        Files.write(BenchCharts.results().resolve("targets-" + scenario + ".tsv"), rows, StandardCharsets.UTF_8);
    }

    private static void print(String scenario, List<String> rows) {
        System.out.println();
        System.out.println("| scenario | target | measured (min / median / max) | holds (median) |");
        System.out.println("|---|---|---|---|");
        for (String row : rows) {
            String[] cells = row.split("\t");
            System.out.printf("| %s | %s | %s | %s |%n", scenario, cells[0], cells[1], cells[2]);
        }
    }

    /** Every scenario's targets as last measured, one table. */
    public static void main(String[] args) throws IOException {
        System.out.println();
        System.out.println("## Issue 15 targets, as last measured on this machine");
        System.out.println("| scenario | target | measured (min / median / max) | holds (median) |");
        System.out.println("|---|---|---|---|");
        try (Stream<Path> files = Files.list(BenchCharts.results())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("targets-")).sorted().toList()) {
                String scenario = file.getFileName().toString().replace("targets-", "").replace(".tsv", "");
                for (String row : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] cells = row.split("\t");
                    System.out.printf("| %s | %s | %s | %s |%n", scenario, cells[0], cells[1], cells[2]);
                }
            }
        }
    }
}
