package io.sessionplane.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * session-service's {@code sessionplane_command_stage_seconds} histograms as scraped from {@code /q/metrics}: two
 * scrapes around a phase give each stage's percentiles over that phase alone (the buckets are cumulative since start).
 */
record StageHistograms(Map<String, TreeMap<Double, Double>> bucketsByStage) {
    // Labels in any order, a trailing comma (the plain text format) or an exemplar after the value ("# {…} …", with
    // tracing on) all read the same.
    private static final Pattern BUCKET = Pattern.compile(
            "(?m)^sessionplane_command_stage_seconds_bucket\\{([^}]*)} (\\S+)");
    private static final Pattern STAGE = Pattern.compile("stage=\"([^\"]+)\"");
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    static StageHistograms scrape(int port) throws Exception {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, TreeMap<Double, Double>> buckets = new LinkedHashMap<>();
        Matcher line = BUCKET.matcher(text);
        while (line.find()) {
            Matcher stage = STAGE.matcher(line.group(1));
            Matcher bound = LE.matcher(line.group(1));
            if (!stage.find() || !bound.find()) {
                continue;
            }
            double le = "+Inf".equals(bound.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(bound.group(1));
            buckets.computeIfAbsent(stage.group(1), name -> new TreeMap<>()).put(le, Double.parseDouble(line.group(2)));
        }
        return new StageHistograms(buckets);
    }

    /** What was recorded after {@code earlier}. */
    StageHistograms since(StageHistograms earlier) {
        Map<String, TreeMap<Double, Double>> diff = new LinkedHashMap<>();
        bucketsByStage.forEach((stage, buckets) -> {
            TreeMap<Double, Double> before = earlier.bucketsByStage.getOrDefault(stage, new TreeMap<>());
            TreeMap<Double, Double> after = new TreeMap<>();
            buckets.forEach((le, count) -> after.put(le, count - before.getOrDefault(le, 0.0)));
            diff.put(stage, after);
        });
        return new StageHistograms(diff);
    }

    /** The upper bound (ms) of the bucket that holds the {@code percentile}th sample of {@code stage}; NaN if none. */
    double percentileMillis(String stage, double percentile) {
        TreeMap<Double, Double> buckets = bucketsByStage.get(stage);
        if (buckets == null || buckets.isEmpty() || buckets.lastEntry().getValue() == 0) {
            return Double.NaN;
        }
        double rank = Math.ceil(buckets.lastEntry().getValue() * percentile / 100);
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            if (bucket.getValue() >= rank) {
                return bucket.getKey() * 1000;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    long count(String stage) {
        TreeMap<Double, Double> buckets = bucketsByStage.get(stage);
        return buckets == null || buckets.isEmpty() ? 0 : Math.round(buckets.lastEntry().getValue());
    }

    /** "stage ≤ p50 / ≤ p99 ms (samples)" for each stage, as bucket bounds (at most 15 % apart from 10 to 50 ms). */
    String line() {
        StringBuilder text = new StringBuilder();
        for (String stage : bucketsByStage.keySet()) {
            text.append(text.isEmpty() ? "" : "; ").append(String.format("%s ≤ %.1f / ≤ %.1f ms (%,d)", stage,
                    percentileMillis(stage, 50), percentileMillis(stage, 99), count(stage)));
        }
        return text.toString();
    }
}
