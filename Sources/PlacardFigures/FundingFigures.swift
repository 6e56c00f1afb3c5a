import Foundation
import PlacardContent

/// A budget line with its amount: as given, or rate x the organisation's fact.
public struct FundingLine: Sendable {
    public var line: Funding
    /// nil when the line has a per-head basis and the organisation lacks the fact.
    public var amount: Decimal?
}

/// Funding lines and their totals, per year, per unit and per source, each in its currency.
public struct FundingFigures: Sendable {
    /// In file order.
    public let lines: [FundingLine]
    /// Years with funding, earliest first.
    public let years: [Int]
    /// Each line counts once under every combination of its year, unit and source
    /// (nil meaning "any"), so any total is one lookup.
    private let totals: [Key: [String: Decimal]]
    private let byYear: [Int: [Int]]
    private let byOrg: [String: [Int]]

    struct Key: Hashable { var year: Int?; var org: String?; var source: String? }

    init(_ funding: [Funding], orgs: OrgIndex) {
        var lines: [FundingLine] = []
        var totals: [Key: [String: Decimal]] = [:]
        for line in funding {
            var amount = line.amount
            if amount == nil, let rate = line.rate, let per = line.per, let fact = orgs.organisation(line.org)?.fact(per) {
                amount = rate * fact
            }
            lines.append(FundingLine(line: line, amount: amount))
            guard let amount else { continue }
            let source = Self.sourceKey(line.fundingSource)
            for year in [line.year, nil] as [Int?] {
                for org in [line.org, nil] as [String?] {
                    for source in Set([source, nil]) {
                        totals[Key(year: year, org: org, source: source), default: [:]][line.currency, default: 0] += amount
                    }
                }
            }
        }
        self.lines = lines
        self.totals = totals
        self.years = Set(funding.map(\.year)).sorted()
        var byYear: [Int: [Int]] = [:], byOrg: [String: [Int]] = [:]
        for (index, line) in funding.enumerated() {
            byYear[line.year, default: []].append(index)
            byOrg[line.org, default: []].append(index)
        }
        self.byYear = byYear
        self.byOrg = byOrg
    }

    /// Sources are matched by their first text as written.
    static func sourceKey(_ text: LocalizedText?) -> String? { text?.description }

    /// Totals by currency over the lines that match every filter given.
    public func totals(year: Int? = nil, org: String? = nil, source: String? = nil) -> [String: Decimal] {
        totals[Key(year: year, org: org, source: source)] ?? [:]
    }

    /// Change of a total from the year before, in one currency. Amounts of
    /// different currencies are never added together: every total is per currency.
    public func change(year: Int, org: String? = nil, source: String? = nil, currency: String) -> Change? {
        Change(current: totals(year: year, org: org, source: source)[currency],
               previous: totals(year: year - 1, org: org, source: source)[currency], previousYear: year - 1)
    }

    public func lines(year: Int) -> [FundingLine] { (byYear[year] ?? []).map { lines[$0] } }
    public func lines(org: String) -> [FundingLine] { (byOrg[org] ?? []).map { lines[$0] } }
}
