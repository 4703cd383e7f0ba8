package app.podium.bench.model;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A hand-written SVG: monthly cost and hottest-key load against the fan-out threshold, both
 * scenarios.
 */
final class ScaleChart {
  private static final int PANEL_W = 420;
  private static final int PANEL_H = 260;
  private static final int LEFT = 70;
  private static final int TOP = 40;

  private ScaleChart() {}

  static String svg(List<ScaleModel.Result> launch, List<ScaleModel.Result> national) {
    StringBuilder svg = new StringBuilder();
    int width = 2 * (LEFT + PANEL_W) + 40;
    int height = TOP + PANEL_H + 80;
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">\n",
            width,
            height));
    svg.append(
        String.format(
            Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", width, height));
    panel(svg, 0, "Monthly cost, USD (log scale)", launch, national, r -> r.cost().total(), false);
    panel(
        svg,
        LEFT + PANEL_W + 40,
        "Hottest key at peak / its partition limit (log scale)",
        launch,
        national,
        r -> r.hottest().load(),
        true);
    svg.append(
        String.format(Locale.ROOT, "<g transform=\"translate(%d,%d)\">", LEFT, TOP + PANEL_H + 50));
    svg.append(
        "<line x1=\"0\" y1=\"0\" x2=\"24\" y2=\"0\" stroke=\"#1f77b4\" stroke-width=\"2\"/>"
            + "<text x=\"30\" y=\"4\">national (100M members)</text>");
    svg.append(
        "<line x1=\"220\" y1=\"0\" x2=\"244\" y2=\"0\" stroke=\"#ff7f0e\" stroke-width=\"2\" stroke-dasharray=\"5,3\"/>"
            + "<text x=\"250\" y=\"4\">launch (1M members)</text>");
    svg.append(
        "<text x=\"430\" y=\"4\">x axis: FANOUT_MAX_FOLLOWERS; \"pure\" = no threshold</text></g>\n");
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void panel(
      StringBuilder svg,
      int x0,
      String title,
      List<ScaleModel.Result> launch,
      List<ScaleModel.Result> national,
      ToDoubleFunction<ScaleModel.Result> value,
      boolean limitLine) {
    // x: the hybrid thresholds in order, then pure
    List<ScaleModel.Result> order =
        List.of(
            national.get(1), national.get(2), national.get(3), national.get(4), national.get(0));
    double min = Double.MAX_VALUE;
    double max = 0;
    for (List<ScaleModel.Result> rs : List.of(launch, national)) {
      for (ScaleModel.Result r : rs) {
        min = Math.min(min, value.applyAsDouble(r));
        max = Math.max(max, value.applyAsDouble(r));
      }
    }
    if (limitLine) {
      min = Math.min(min, 1);
      max = Math.max(max, 1);
    }
    double lo = Math.floor(Math.log10(Math.max(min, 1e-6)));
    double hi = Math.ceil(Math.log10(max));
    if (hi <= lo) {
      hi = lo + 1;
    }
    int gx = x0 + LEFT;
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>\n",
            gx,
            TOP - 15,
            title));
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n",
            gx,
            TOP,
            PANEL_W,
            PANEL_H));
    for (double d = lo; d <= hi; d++) {
      double y = y(Math.pow(10, d), lo, hi);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>",
              gx,
              y,
              gx + PANEL_W,
              y));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
              gx - 5,
              y + 4,
              tick(Math.pow(10, d))));
    }
    for (int i = 0; i < order.size(); i++) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
              xAt(gx, i),
              TOP + PANEL_H + 18,
              ScaleDoc.label(order.get(i).threshold())));
    }
    svg.append("\n");
    if (limitLine) {
      double y = y(1, lo, hi);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#d62728\" "
                  + "stroke-dasharray=\"2,2\"/><text x=\"%d\" y=\"%.1f\" fill=\"#d62728\" text-anchor=\"end\">limit</text>\n",
              gx,
              y,
              gx + PANEL_W,
              y,
              gx + PANEL_W - 4,
              y - 4));
    }
    series(svg, gx, national, value, lo, hi, "#1f77b4", "");
    series(svg, gx, launch, value, lo, hi, "#ff7f0e", " stroke-dasharray=\"5,3\"");
  }

  private static void series(
      StringBuilder svg,
      int gx,
      List<ScaleModel.Result> rs,
      ToDoubleFunction<ScaleModel.Result> value,
      double lo,
      double hi,
      String color,
      String dash) {
    List<ScaleModel.Result> order = List.of(rs.get(1), rs.get(2), rs.get(3), rs.get(4), rs.get(0));
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < order.size(); i++) {
      points.append(
          String.format(
              Locale.ROOT, "%.1f,%.1f ", xAt(gx, i), y(value.applyAsDouble(order.get(i)), lo, hi)));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>\n",
            points.toString().trim(),
            color,
            dash));
    for (int i = 0; i < order.size(); i++) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>",
              xAt(gx, i),
              y(value.applyAsDouble(order.get(i)), lo, hi),
              color));
    }
    svg.append("\n");
  }

  private static double xAt(int gx, int i) {
    return gx + 40 + i * (PANEL_W - 80) / 4.0;
  }

  private static double y(double v, double lo, double hi) {
    double l = Math.log10(Math.max(v, Math.pow(10, lo)));
    return TOP + PANEL_H - (l - lo) / (hi - lo) * PANEL_H;
  }

  private static String tick(double v) {
    if (v >= 1e6) {
      return String.format(Locale.ROOT, "%.0fM", v / 1e6);
    }
    if (v >= 1e3) {
      return String.format(Locale.ROOT, "%.0fk", v / 1e3);
    }
    return v >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v);
  }
}
