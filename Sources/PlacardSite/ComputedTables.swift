import Foundation
import PlacardContent
import PlacardFigures

/// The computed tables published under data/ beside the datasets: the figures
/// of every page, with their computed columns, in plain numbers (no grouping,
/// a dot for decimals) so any spreadsheet reads them.
extension DataTable {
    static func computed(from site: SiteContext) -> [DataTable] {
        let figures = site.figures
        var tables: [DataTable] = []
        @Sendable func plain(_ value: Decimal, _ decimals: Int = 2) -> Value {
            .number(FigureFormat.ungrouped(value, decimals: decimals))
        }
        @Sendable func text(_ value: String?) -> Value { value.map { .text($0) } ?? .empty }

        // Tables with a row per unit are made each time they are read (see `ComputedRows`).
        // Fulfilment: every unit and year, the unit alone and with its subtree.
        let fulfilmentCount = figures.organisations.organisations.reduce(0) { $0 + figures.commitments.subtree($1.id).years.count }
        if fulfilmentCount > 0 {
            tables.append(DataTable(name: "fulfilment", title: site.strings.fulfilmentRate, columns: [
                "org", "year", "made", "fulfilled", "dropped", "rate", "subtree_made", "subtree_fulfilled", "subtree_dropped", "subtree_rate",
                "overdue", "subtree_overdue",
            ], rows: ComputedRows(count: fulfilmentCount) { row in
                for org in figures.organisations.organisations {
                    let own = figures.commitments.own(org.id)
                    let subtree = figures.commitments.subtree(org.id)
                    for year in subtree.years {
                        let a = own.tally(year: year), b = subtree.tally(year: year)
                        row([.text(org.id), .number("\(year)"), .number("\(a.made)"), .number("\(a.fulfilled)"), .number("\(a.dropped)"),
                             a.rate.map { plain($0) } ?? .empty, .number("\(b.made)"), .number("\(b.fulfilled)"), .number("\(b.dropped)"),
                             b.rate.map { plain($0) } ?? .empty, .number("\(a.overdue)"), .number("\(b.overdue)")])
                    }
                }
            }))
        }

        // Satisfaction with the rules it triggered.
        let satisfactionCount = figures.satisfaction.years.reduce(0) { $0 + figures.satisfaction.rates(year: $1).count }
        if satisfactionCount > 0 {
            tables.append(DataTable(name: "satisfaction", title: site.strings.satisfactionRate, columns: [
                "org", "year", "satisfied", "total", "rate", "change", "rules_triggered",
            ], rows: ComputedRows(count: satisfactionCount) { row in
                for year in figures.satisfaction.years {
                    for rate in figures.satisfaction.rates(year: year) {
                        let triggered = figures.rules.ratingTriggers(org: rate.org, year: year).map(\.rule.id).joined(separator: "; ")
                        row([.text(rate.org), .number("\(year)"), .number("\(rate.satisfied)"), .number("\(rate.total)"), plain(rate.rate, rate.rateDecimals),
                             rate.change.map { plain($0.difference) } ?? .empty, triggered.isEmpty ? .empty : .text(triggered)])
                    }
                }
            }))
        }

        for result in figures.assessments.results {
            let components = result.assessment.components.map(\.id)
            tables.append(DataTable(
                name: "assessments/\(result.id)", title: site.text(result.assessment.title),
                columns: ["org"] + components.map { "\($0)_score" } + components.map { "\($0)_points" } + ["total", "rank", "ranked", "grade"],
                rows: ComputedRows(count: result.units.count) { row in
                    for unit in result.units {
                        row([.text(unit.org)] + unit.components.map { component in component.score.map { plain($0) } ?? .empty }
                            + unit.components.map { plain($0.points) }
                            + [plain(unit.total, unit.totalDecimals), .number("\(unit.rank)"), .number("\(unit.rankedCount)"), text(unit.grade.map { site.text($0.label) })])
                    }
                }))
        }

        for survey in figures.surveys {
            var rows: [[Value]] = []
            for question in survey.questions {
                for option in question.options {
                    rows.append([.text(question.id), .text(site.text(option.label)), .number("\(option.count)"), plain(option.percent),
                                 option.reportedPercent.map { .number("\($0)") } ?? .empty,
                                 option.reportedMatches.map { .bool($0) } ?? .empty])
                }
            }
            tables.append(DataTable(
                name: "surveys/\(survey.id)", title: site.text(survey.title),
                columns: ["question", "option", "count", "percent", "reported_percent", "reported_matches"], rows: rows))
        }

        let lines = figures.funding.lines
        if !lines.isEmpty {
            tables.append(DataTable(name: "funding-amounts", title: site.strings.funding, columns: [
                "year", "org", "item", "amount", "currency",
            ], rows: lines.map { entry in
                [.number("\(entry.line.year)"), .text(entry.line.org), text(entry.line.item.map(site.text)),
                 entry.amount.map { plain($0, Currency.minorUnits(of: entry.line.currency)) } ?? .empty, .text(entry.line.currency)]
            }))
        }
        return tables
    }
}
