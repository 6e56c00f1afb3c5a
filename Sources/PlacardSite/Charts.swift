import Foundation
import PlacardContent
import PlacardDiagnostics

/// Horizontal bar charts drawn at build time as static SVG: no script, readable
/// in print and by screen readers (role="img", a title and a description), with
/// every value written beside its bar so colour is never the only cue. The page
/// always shows the table of the same numbers next to the chart.
enum BarChart {
    struct Bar: Sendable {
        var label: String
        /// Bar length; nil draws no bar (a figure that could not be computed).
        var value: Decimal?
        /// The value as the reader sees it: "41.88%", "90.2".
        var text: String
    }

    /// - Parameters:
    ///   - maximum: the value a full-length bar stands for (100 for percentages).
    ///   - id: unique on the page, for the title and description ids.
    static func svg(bars: [Bar], maximum: Decimal, title: String, description: String, id: String) -> String {
        let labelWidth = 260.0
        let barArea = 360.0
        let valueWidth = 110.0
        let rowHeight = 30.0
        let width = labelWidth + barArea + valueWidth
        let height = rowHeight * Double(max(bars.count, 1)) + 10
        let top = NSDecimalNumber(decimal: maximum).doubleValue
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 \(Int(width)) \(Int(height))" aria-labelledby="\(id)-title \(id)-desc" class="bar-chart">\
            <title id="\(id)-title">\(escapeXML(title))</title><desc id="\(id)-desc">\(escapeXML(description))</desc>
            """
        for (index, bar) in bars.enumerated() {
            let y = Double(index) * rowHeight + 5
            let fraction = top > 0 ? max(0, min(1, NSDecimalNumber(decimal: bar.value ?? 0).doubleValue / top)) : 0
            let length = (barArea * fraction * 10).rounded() / 10
            svg += "<g>"
            svg += "<text x=\"\(Int(labelWidth - 8))\" y=\"\(format(y + 19))\" text-anchor=\"end\" font-size=\"14\" fill=\"#1b1f24\">\(escapeXML(truncated(bar.label)))</text>"
            svg += "<rect x=\"\(Int(labelWidth))\" y=\"\(format(y + 4))\" width=\"\(format(barArea))\" height=\"20\" fill=\"#eef1f5\"/>"
            if bar.value != nil {
                svg += "<rect x=\"\(Int(labelWidth))\" y=\"\(format(y + 4))\" width=\"\(format(length))\" height=\"20\" fill=\"#0b5cad\"/>"
            }
            svg += "<text x=\"\(format(labelWidth + barArea + 8))\" y=\"\(format(y + 19))\" font-size=\"14\" fill=\"#1b1f24\">\(escapeXML(bar.text))</text>"
            svg += "</g>\n"
        }
        return svg + "</svg>"
    }

    /// Long labels are cut so they stay inside the label column; the table has them whole.
    private static func truncated(_ label: String) -> String {
        label.count > 18 ? String(label.prefix(17)) + "…" : label
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}

/// Charts that narratives ask for in placard blocks, drawn from computed figures.
struct ChartSource: Sendable {
    let site: SiteContext

    func chart(_ kind: SourceNode, values: [String: SourceNode], caption: String?, page: String) -> Result<ChartView, Diagnostic> {
        .failure(.error("unknown chart '\(kind.scalarText ?? "")'", at: kind.location))
    }
}
