package io.sessionplane.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The benchmarks' charts: PNG files under {@code bench/results/}, drawn headless with JFreeChart. */
final class BenchCharts {
    static final int WIDTH = 900;
    static final int HEIGHT = 420;

    private BenchCharts() {
    }

    static Path results() throws IOException {
        Path dir = Path.of(System.getProperty("sessionplane.root", ".")).resolve("bench/results");
        Files.createDirectories(dir);
        return dir;
    }

    /** Lines over time: each named series is a list of per-second values (x = second of the run). */
    static Path overTime(String file, String title, String yLabel, Map<String, List<Double>> series) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach((name, values) -> {
            XYSeries line = new XYSeries(name);
            for (int second = 0; second < values.size(); second++) {
                line.add(second + 1, values.get(second));
            }
            data.addSeries(line);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(title, "second of the run", yLabel, data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.getXYPlot().setBackgroundPaint(Color.WHITE);
        chart.getXYPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        return save(file, chart);
    }

    /** Bars of measured ratios against their target (a line at the target). */
    static Path ratios(String file, String title, Map<String, Double> ratios, double target) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        ratios.forEach((name, ratio) -> data.addValue(ratio, "measured", name));
        JFreeChart chart = ChartFactory.createBarChart(title, null, "ratio", data, PlotOrientation.VERTICAL, false,
                false, false);
        chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        ValueMarker marker = new ValueMarker(target, Color.RED, new java.awt.BasicStroke(2f));
        marker.setLabel("target " + target);
        chart.getCategoryPlot().addRangeMarker(marker);
        return save(file, chart);
    }

    /** One stacked bar per category (e.g. a phase), stacked by series (e.g. a process). */
    static Path stackedBars(String file, String title, String yLabel, Map<String, Map<String, Double>> bars)
            throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        bars.forEach((category, parts) -> parts.forEach((series, value) -> data.addValue(value, series, category)));
        JFreeChart chart = ChartFactory.createStackedBarChart(title, null, yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        return save(file, chart);
    }

    private static Path save(String file, JFreeChart chart) throws IOException {
        Path path = results().resolve(file);
        ChartUtils.saveChartAsPNG(path.toFile(), chart, WIDTH, HEIGHT);
        return path;
    }
}
