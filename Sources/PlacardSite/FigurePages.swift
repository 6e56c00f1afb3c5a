import Foundation
import PlacardContent
import PlacardFigures

/// Pages built from computed figures: assessments, satisfaction ratings,
/// surveys, funding and the yearly summaries. Every label, level, grade and
/// rule comes from the site's data.
extension SitePlan {
    func table(_ caption: String, _ columns: [(String, Bool)], _ rows: [RowView], download: String? = nil, from page: String = "") -> TableView {
        TableView(
            caption: caption, columns: columns.map { ColumnView(label: $0.0, numeric: $0.1) }, rows: rows,
            csvURL: download.map { site.addresses.link(from: page, to: "data/\($0).csv") },
            jsonURL: download.map { site.addresses.link(from: page, to: "data/\($0).json") })
    }

    func orgCell(_ id: String, from page: String) -> CellView {
        CellView(text: site.orgName(id), url: site.addresses.link(from: page, to: "orgs/\(id)/"))
    }

    /// Charts with more bars than this are left out: the table carries the figures.
    static let maximumBars = 60

    // MARK: Assessments

    mutating func planAssessmentPages() {
        let strings = site.strings
        for result in site.figures.assessments.results {
            let address = "assessments/\(result.id)/"
            let scheme = result.assessment
            // The ranking is split into numbered pages; the weights and the grades are on the first.
            let ranking = LongTable(rows: .assessment(id: result.id), count: result.units.count, block: "ranking")
            planPaginated(title: site.text(scheme.title), address: address, tables: [ranking]) { plan, number, here, title in
                let site = plan.site
                var content = plan.generatedContent(title: title, address: here)
                plan.dated(&content, asOf: site.figures.asOf.dataset("assessments", upTo: scheme.year.flatMap { ISODate("\($0)") }))
                if number == 0 {
                    let componentRows = scheme.components.map { component in
                        RowView(header: CellView(text: site.text(component.label)), cells: [CellView(text: site.number(component.weight), numeric: true)])
                    }
                    content.blocks.append(ContentBlock(
                        title: strings.component, id: "components",
                        note: "\(strings.total): \(site.number(scheme.scale))",
                        table: plan.table(strings.component, [(strings.component, false), (strings.weight, true)], componentRows)))
                }
                var ranking = ContentBlock(title: strings.rank, id: "ranking")
                if result.units.count <= Self.maximumBars {
                    ranking.chart = ChartView(
                        svgHTML: BarChart.svg(
                            bars: result.units.map { .init(label: site.orgName($0.org), value: $0.total, text: site.number($0.total, decimals: $0.totalDecimals)) },
                            maximum: scheme.scale, title: site.text(scheme.title), description: "\(strings.total) / \(site.number(scheme.scale))", id: "chart-total"),
                        caption: "\(strings.total) (\(strings.chartOf))")
                }
                content.blocks.append(ranking)
                if number == 0 {
                    let gradeRows = scheme.grades.map { grade in
                        let count = result.units.filter { $0.grade?.label == grade.label }.count
                        return (grade, count)
                    }
                    content.blocks.append(ContentBlock(
                        title: strings.gradeDistribution, id: "grades",
                        table: plan.table(strings.gradeDistribution, [(strings.grade, false), ("≥", true), (strings.unitsRated, true)],
                            gradeRows.map { RowView(header: CellView(text: site.text($0.0.label)), cells: [CellView(text: site.number($0.0.min), numeric: true), CellView(text: site.count($0.1), numeric: true)]) }),
                        chart: ChartView(
                            svgHTML: BarChart.svg(
                                bars: gradeRows.map { .init(label: site.text($0.0.label), value: Decimal($0.1), text: site.count($0.1)) },
                                maximum: Decimal(max(result.units.count, 1)), title: strings.gradeDistribution, description: site.text(scheme.title), id: "chart-grades"),
                            caption: strings.gradeDistribution)))
                }
                return content
            }
        }
    }

    /// Rows `rows` of an assessment's ranking, as a table.
    func rankingTable(_ id: String, rows range: Range<Int>, from address: String) -> TableView {
        let strings = site.strings
        guard let result = site.figures.assessments.results.first(where: { $0.id == id }) else {
            return table("", [], [])
        }
        let scheme = result.assessment
        var columns: [(String, Bool)] = [(strings.organisation, false), (strings.rank, true)]
        columns += scheme.components.map { ("\(site.text($0.label)) (\(site.number($0.weight)))", true) }
        columns += [(strings.total, true), (strings.grade, false), (strings.yearBefore, true)]
        let rows = result.units[range].map { unit in
            RowView(header: orgCell(unit.org, from: address), cells: [
                CellView(text: "\(unit.rank) \(strings.rankOf) \(unit.rankedCount)", numeric: true)
            ] + unit.components.map { CellView(text: site.number($0.points, decimals: 2), numeric: true) } + [
                CellView(text: site.number(unit.total, decimals: unit.totalDecimals), numeric: true),
                CellView(text: unit.grade.map { site.text($0.label) } ?? ""),
                CellView(text: site.change(unit.change) ?? "", numeric: true),
            ])
        }
        return table(site.text(scheme.title), columns, rows, download: "assessments/\(result.id)", from: address)
    }

    // MARK: Satisfaction

    mutating func planEvaluationPages() {
        let strings = site.strings
        for year in site.figures.satisfaction.years {
            let address = "evaluations/\(year)/"
            let rates = site.figures.satisfaction.rates(year: year)
            // The rates and the consequences are split into numbered pages together.
            let triggers = site.figures.rules.triggers(year: year).count
            let tables = [
                LongTable(rows: .satisfaction(year: year), count: rates.count, block: "rates"),
                LongTable(rows: .consequences(year: year), count: triggers, block: "consequences"),
            ]
            planPaginated(title: "\(strings.evaluations) · \(year)", address: address, tables: tables) { plan, number, here, title in
                let site = plan.site
                var content = plan.generatedContent(title: title, address: here)
                plan.dated(&content, asOf: site.figures.asOf.dataset("evaluations", year: year))
                var block = ContentBlock(title: strings.satisfactionRate, id: "rates")
                if rates.count <= Self.maximumBars {
                    block.chart = ChartView(
                        svgHTML: BarChart.svg(bars: rates.map { .init(label: site.orgName($0.org), value: $0.rate, text: site.percent($0.rate, decimals: $0.rateDecimals)) },
                            maximum: 100, title: "\(strings.satisfactionRate) · \(year)", description: strings.satisfactionRate, id: "chart-rates"),
                        caption: strings.satisfactionRate)
                }
                if number == 0 || number * Self.rowsPerPage < rates.count { content.blocks.append(block) }
                if number == 0 || number * Self.rowsPerPage < triggers {
                    content.blocks.append(ContentBlock(title: strings.consequences, id: "consequences", note: triggers == 0 ? strings.noneTriggered : nil))
                }
                return content
            }
        }
    }

    /// Rows `rows` of the satisfaction rates of a year, as a table.
    func satisfactionTable(year: Int, rows range: Range<Int>, from address: String) -> TableView {
        let strings = site.strings
        let rows = site.figures.satisfaction.rates(year: year)[range].map { rate -> RowView in
            let triggers = site.figures.rules.ratingTriggers(org: rate.org, year: year)
            let worst = triggers.map(\.rule.severity.rawValue).last
            return RowView(header: orgCell(rate.org, from: address), cells: [
                CellView(text: levelLabel(site.figures.organisations.organisation(rate.org)?.level)),
                CellView(text: site.count(rate.satisfied), numeric: true),
                CellView(text: site.count(rate.total), numeric: true),
                CellView(text: site.percent(rate.rate, decimals: rate.rateDecimals), numeric: true),
                CellView(text: site.change(rate.change) ?? "", numeric: true),
                CellView(text: triggers.map { site.text($0.rule.label) }.joined(separator: strings.listSeparator), state: worst),
            ])
        }
        return table("\(strings.satisfactionRate) · \(year)", [
            (strings.organisation, false), (strings.level, false), (strings.satisfied, true), (strings.raters, true),
            (strings.satisfactionRate, true), (strings.yearBefore, true), (strings.consequences, false),
        ], rows, download: "satisfaction", from: address)
    }

    /// Rows `rows` of the consequences the rules give for a year, as a table;
    /// nil when there are none.
    func consequencesTable(year: Int, rows range: Range<Int>, from page: String) -> TableView? {
        let strings = site.strings
        let triggers = site.figures.rules.triggers(year: year)
        guard !triggers.isEmpty else { return nil }
        let rows = triggers[range].map { trigger in
            RowView(header: orgCell(trigger.org, from: page), cells: [
                CellView(text: site.text(trigger.rule.label), state: trigger.rule.severity.rawValue),
                CellView(text: trigger.history.map { "\($0.year): \(site.number($0.value, decimals: $0.decimals))" }.joined(separator: ", "), numeric: true),
            ])
        }
        return table("\(strings.consequences) · \(year)", [(strings.organisation, false), (strings.rule, false), (strings.value, true)], rows)
    }

    /// The consequences of a year on its summary page: every one where they
    /// fit on a page; past that, how many units each rule applies to, and the
    /// satisfaction ratings' pages, which list them all.
    func consequencesBlock(year: Int, from page: String) -> ContentBlock {
        let strings = site.strings
        let triggers = site.figures.rules.triggers(year: year)
        guard triggers.count > Self.rowsPerPage else {
            return ContentBlock(
                title: strings.consequences, id: "consequences",
                note: triggers.isEmpty ? strings.noneTriggered : nil,
                table: consequencesTable(year: year, rows: triggers.indices, from: page))
        }
        var counts: [(rule: SiteConfig.Rule, units: Int)] = []
        for trigger in triggers {
            if let index = counts.firstIndex(where: { $0.rule.id == trigger.rule.id }) {
                counts[index].units += 1
            } else {
                counts.append((trigger.rule, 1))
            }
        }
        let rows = counts.map { count in
            RowView(header: CellView(text: site.text(count.rule.label), state: count.rule.severity.rawValue), cells: [
                CellView(text: site.count(count.units), numeric: true)
            ])
        }
        var block = ContentBlock(
            title: strings.consequences, id: "consequences",
            table: table("\(strings.consequences) · \(year)", [(strings.rule, false), (strings.total, true)], rows))
        block.links = [PageItem(title: "\(strings.evaluations) · \(year)", url: site.addresses.link(from: page, to: "evaluations/\(year)/", fragment: "consequences"))]
        return block
    }

    // MARK: Surveys

    mutating func planSurveyPages() {
        let strings = site.strings
        for survey in site.figures.surveys {
            let address = "surveys/\(survey.id)/"
            var content = generatedContent(title: site.text(survey.title), address: address)
            dated(&content, asOf: site.figures.asOf.dataset("surveys", upTo: survey.date))
            content.summary = "\(strings.respondents): \(site.count(survey.respondents))"
            for (number, question) in survey.questions.enumerated() {
                let rows = question.options.map { option in
                    RowView(header: CellView(text: site.text(option.label)), cells: [
                        CellView(text: site.count(option.count), numeric: true),
                        CellView(text: site.percent(option.percent), numeric: true),
                        CellView(
                            text: option.reportedPercent.map { "\(site.number($0))%" + (option.reportedMatches == false ? " (\(strings.reportedMismatch))" : "") } ?? "",
                            numeric: true, state: option.reportedMatches == false ? "warning" : nil),
                    ])
                }
                var notes: [String] = []
                if question.multiple { notes.append(strings.multipleAnswers) } else if !question.addsUp { notes.append(strings.countsDoNotAddUp) }
                let title = site.text(question.text)
                content.blocks.append(ContentBlock(
                    title: title, id: "q-\(question.id)",
                    note: notes.isEmpty ? nil : notes.joined(separator: " "),
                    table: table(title, [(strings.option, false), (strings.answers, true), (strings.percent, true), (strings.reported, true)], rows, download: "surveys/\(survey.id)", from: address),
                    chart: ChartView(
                        svgHTML: BarChart.svg(bars: question.options.map { .init(label: site.text($0.label), value: $0.percent, text: site.percent($0.percent)) },
                            maximum: 100, title: title, description: "\(strings.respondents): \(survey.respondents)", id: "chart-\(number + 1)"),
                        caption: title)))
            }
            pages.append(PlannedPage(address: address, template: "data", content: content))
        }
    }

    // MARK: Funding

    mutating func planFundingPages() {
        let strings = site.strings
        for year in site.figures.funding.years {
            let address = "funding/\(year)/"
            var content = generatedContent(title: "\(strings.funding) · \(year)", address: address)
            dated(&content, asOf: site.figures.asOf.dataset("funding", year: year))
            let lines = site.figures.funding.lines(year: year)
            let rows = lines.map { entry -> RowView in
                let line = entry.line
                var basis = ""
                if let rate = line.rate, let per = line.per {
                    let fact = site.figures.organisations.organisation(line.org)?.fact(per)
                    // A rate per head is money too: at least the currency's minor units, more when typed (0.125).
                    let decimals = max(Currency.minorUnits(of: line.currency), FigureFormat.decimalsNeeded(rate, limit: 6))
                    basis = "\(FigureFormat.money(rate, currency: line.currency, decimals: decimals, language: site.language)) × \(per)"
                        + (fact.map { " \(site.number($0))" } ?? "")
                }
                return RowView(header: orgCell(line.org, from: address), cells: [
                    CellView(text: line.item.map(site.text) ?? ""),
                    CellView(text: line.fundingSource.map(site.text) ?? ""),
                    CellView(text: line.purpose.map(site.text) ?? ""),
                    CellView(text: basis),
                    CellView(text: entry.amount.map { site.money($0, currency: line.currency) } ?? "", numeric: true),
                ])
            }
            let totals = site.figures.funding.totals(year: year).sorted { $0.key < $1.key }
            content.blocks.append(ContentBlock(
                title: strings.funding, id: "lines",
                figures: totals.map { currency, total in
                    FigureView(label: strings.total, value: site.money(total, currency: currency),
                               change: site.moneyChange(site.figures.funding.change(year: year, currency: currency), currency: currency))
                },
                table: table("\(strings.funding) · \(year)", [
                    (strings.organisation, false), (strings.item, false), (strings.source, false), (strings.purpose, false),
                    (strings.perHead, false), (strings.amount, true),
                ], rows, download: "funding", from: address)))
            pages.append(PlannedPage(address: address, template: "data", content: content))
        }
    }

    // MARK: Years

    /// The headline figures of a year, with the year before beside them.
    func headline(year: Int) -> [FigureView] {
        let strings = site.strings
        var figures: [FigureView] = []
        let record = site.figures.commitments.site
        let tally = record.tally(year: year)
        if tally.made > 0 {
            figures.append(FigureView(label: strings.made, value: site.count(tally.made), change: nil))
            figures.append(FigureView(label: strings.fulfilled, value: site.count(tally.fulfilled), change: nil))
            if let rate = tally.rate {
                figures.append(FigureView(label: strings.fulfilmentRate, value: site.percent(rate), change: site.change(record.rateChange(year: year))))
            }
            figures.append(FigureView(label: strings.overdue, value: site.count(tally.overdue), change: nil))
        }
        let rated = site.figures.satisfaction.rates(year: year)
        if !rated.isEmpty {
            figures.append(FigureView(label: strings.unitsRated, value: site.count(rated.count), change: nil))
            figures.append(FigureView(label: strings.consequences, value: site.count(site.figures.rules.triggers(year: year).count), change: nil))
        }
        for (currency, total) in site.figures.funding.totals(year: year).sorted(by: { $0.key < $1.key }) {
            figures.append(FigureView(label: strings.funding, value: site.money(total, currency: currency),
                                      change: site.moneyChange(site.figures.funding.change(year: year, currency: currency), currency: currency)))
        }
        return figures
    }

    mutating func planYearPages(narratives: [RenderedNarrative]) {
        let strings = site.strings
        for year in site.figures.years {
            let address = "years/\(year)/"
            var content = generatedContent(title: "\(strings.years) · \(year)", address: address)
            dated(&content, asOf: yearAsOf(year))
            content.blocks.append(ContentBlock(title: "\(strings.headline) \(year)", id: "headline", figures: headline(year: year)))
            if site.figures.years.contains(year - 1) {
                content.blocks.append(ContentBlock(title: "\(strings.headline) \(year - 1)", id: "year-before", figures: headline(year: year - 1)))
            }
            var links: [PageItem] = []
            func link(_ title: String, _ target: String) {
                if pages.contains(where: { $0.address == target }) || target.hasPrefix("assessments/") || target.hasPrefix("surveys/") {
                    links.append(PageItem(title: title, url: site.addresses.link(from: address, to: target)))
                }
            }
            if site.figures.commitments.site.byYear[year] != nil { link("\(strings.commitments) · \(year)", "commitments/\(year)/") }
            if site.figures.satisfaction.years.contains(year) { link("\(strings.evaluations) · \(year)", "evaluations/\(year)/") }
            if site.figures.funding.years.contains(year) { link("\(strings.funding) · \(year)", "funding/\(year)/") }
            for result in site.figures.assessments.results where result.assessment.year == year {
                link(site.text(result.assessment.title), "assessments/\(result.id)/")
            }
            for survey in site.figures.surveys where survey.date?.year == year {
                link(site.text(survey.title), "surveys/\(survey.id)/")
            }
            for item in narratives where item.narrative.frontMatter.year == year {
                links.append(PageItem(title: item.title, url: site.addresses.link(from: address, to: item.narrative.address), date: item.narrative.frontMatter.date.map(site.dateText)))
            }
            var block = ContentBlock(title: strings.relatedPages, id: "pages")
            block.links = links
            content.blocks.append(block)
            if site.figures.satisfaction.years.contains(year) || !site.figures.rules.triggers(year: year).isEmpty {
                content.blocks.append(consequencesBlock(year: year, from: address))
            }
            pages.append(PlannedPage(address: address, template: "data", content: content))
        }
    }
}

extension SitePlan {
    /// The home page shows the latest year's headline figures and where to read more.
    mutating func addHeadlineToHome() {
        guard let year = site.figures.years.last, let home = pages.firstIndex(where: { $0.address.isEmpty }) else { return }
        var block = ContentBlock(title: "\(site.strings.headline) \(year)", id: "headline", figures: headline(year: year))
        block.links = [PageItem(title: "\(site.strings.years) · \(year)", url: site.addresses.link(from: "", to: "years/\(year)/"))]
        pages[home].content.blocks.insert(block, at: 0)
    }
}
