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
        let labelWidth = 170.0
        let barArea = 230.0
        let valueWidth = 90.0
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
        label.count > 11 ? String(label.prefix(10)) + "…" : label
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}

/// Charts that narratives ask for in placard blocks, drawn from computed figures:
/// `chart: survey` (with `survey` and `question`), `chart: assessment` (with
/// `scheme`), `chart: satisfaction` and `chart: fulfilment` (with `year`, and
/// `org` for the units under it).
struct ChartSource: Sendable {
    let site: SiteContext

    static let kinds = ["survey", "assessment", "satisfaction", "fulfilment"]

    func chart(_ kind: SourceNode, values: [String: SourceNode], caption: String?, page: String) -> Result<ChartView, Diagnostic> {
        let figures = site.figures
        func required(_ key: String) -> Result<String, Diagnostic> {
            guard let value = values[key]?.scalarText else {
                return .failure(.error("chart '\(kind.scalarText ?? "")' needs '\(key)'", at: kind.location))
            }
            return .success(value)
        }
        func unknown(_ what: String, _ key: String, among known: [String]) -> Diagnostic {
            let value = values[key]?.scalarText ?? ""
            return .error("unknown \(what) '\(value)'\(didYouMean(value, among: known))", at: values[key]?.location ?? kind.location)
        }
        let id = "chart-\(kind.location.line)"
        switch kind.scalarText ?? "" {
        case "survey":
            return required("survey").flatMap { surveyID in
                guard let survey = figures.survey(surveyID) else { return .failure(unknown("survey", "survey", among: figures.surveys.map(\.id))) }
                return required("question").flatMap { questionID in
                    guard let question = survey.question(questionID) else { return .failure(unknown("question", "question", among: survey.questions.map(\.id))) }
                    let title = caption ?? site.text(question.text)
                    let bars = question.options.map { BarChart.Bar(label: site.text($0.label), value: $0.percent, text: site.percent($0.percent)) }
                    return .success(ChartView(svgHTML: BarChart.svg(bars: bars, maximum: 100, title: title, description: site.text(survey.title), id: id), caption: title))
                }
            }
        case "assessment":
            return required("scheme").flatMap { scheme in
                guard let result = figures.assessments.result(scheme) else { return .failure(unknown("assessment", "scheme", among: figures.assessments.results.map(\.id))) }
                let title = caption ?? site.text(result.assessment.title)
                let bars = result.units.map { BarChart.Bar(label: site.orgName($0.org), value: $0.total, text: site.number($0.total, decimals: $0.totalDecimals)) }
                return .success(ChartView(svgHTML: BarChart.svg(bars: bars, maximum: result.assessment.scale, title: title, description: site.strings.total, id: id), caption: title))
            }
        case "satisfaction", "fulfilment":
            return required("year").flatMap { yearText in
                guard let year = Int(yearText) else { return .failure(.error("'year' must be a year such as 2009", at: values["year"]!.location)) }
                var units = figures.organisations.organisations.map(\.id)
                if let org = values["org"]?.scalarText {
                    guard figures.organisations.contains(org) else { return .failure(unknown("organisation", "org", among: figures.organisations.organisations.map(\.id))) }
                    units = figures.organisations.children[org] ?? []
                }
                let satisfaction = kind.scalarText == "satisfaction"
                let bars: [BarChart.Bar] = units.compactMap { unit in
                    if satisfaction {
                        return figures.satisfaction.rate(org: unit, year: year).map {
                            BarChart.Bar(label: site.orgName(unit), value: $0.rate, text: site.percent($0.rate, decimals: $0.rateDecimals))
                        }
                    }
                    return figures.commitments.subtree(unit).tally(year: year).rate.map { BarChart.Bar(label: site.orgName(unit), value: $0, text: site.percent($0)) }
                }
                guard !bars.isEmpty else { return .failure(.error("no figures to chart for \(year)", at: kind.location)) }
                let label = satisfaction ? site.strings.satisfactionRate : site.strings.fulfilmentRate
                let title = caption ?? "\(label) · \(year)"
                return .success(ChartView(svgHTML: BarChart.svg(bars: bars, maximum: 100, title: title, description: label, id: id), caption: title))
            }
        default:
            return .failure(.error("unknown chart '\(kind.scalarText ?? "")' (expected \(Self.kinds.joined(separator: ", ")))", at: kind.location))
        }
    }
}
