import Foundation
import PlacardContent
import PlacardDiagnostics
import PlacardFigures
import Testing

/// Overdue commitments, against cases worked by hand.
@Suite struct OverdueTests {
    /// The defaults with more settings (an `as_of`, rules) added.
    static func settings(_ extra: String) -> String { defaultSettings.replacingOccurrences(of: "rules:\n", with: extra + "\nrules:\n") }

    /// due, status and fulfilled_on of each case; the answers are in the tests.
    static let commitments = """
    - {id: late, org: north, year: 2009, text: t, due: 2009-12, status: in_progress}
    - {id: struck, org: north, year: 2009, text: t, due: 2009-12, status: fulfilled, fulfilled_on: 2009-12-20}
    - {id: dropped, org: north, year: 2009, text: t, due: 2009-12, status: dropped}
    - {id: lastday, org: south, year: 2010, text: t, due: 2010-12-31, status: pending}
    - {id: nodue, org: south, year: 2009, text: t, status: pending}
    - {id: fulfilled-later, org: n1, year: 2009, text: t, due: 2009-11-30, status: fulfilled, fulfilled_on: 2010-02-01}
    - {id: year-due, org: s1, year: 2009, text: t, due: 2009, status: pending}

    """

    /// The figures, and whether each commitment is overdue, on `asOf`.
    static func overdue(asOf: String, rules: String = "") -> (Figures, [String: Bool]) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("placard-overdue-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = [
            "Content/site.yaml": settings("as_of: \(asOf)") + rules,
            "Content/data/organisations.yaml": smallTree,
            "Content/data/commitments.yaml": commitments,
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! Data(text.utf8).write(to: url)
        }
        var diagnostics = Diagnostics()
        let config = SiteLoader.loadConfig(siteDirectory: root, diagnostics: &diagnostics)!
        let data = SiteLoader.loadData(siteDirectory: root, config: config, diagnostics: &diagnostics)
        #expect(!diagnostics.hasErrors, "\(diagnostics.sorted)")
        let figures = Figures(data: data, config: config, buildDay: testBuildDay)
        return (figures, Dictionary(uniqueKeysWithValues: data.commitments.map { ($0.id, figures.commitments.isOverdue($0)) }))
    }

    @Test func overdueFromTheDayAfterTheLastDayOfDue() {
        let (figures, overdue) = Self.overdue(asOf: "2010-01-01")
        #expect(overdue == [
            "late": true,              // due 2009-12 ended on 31 December 2009
            "struck": false,           // struck off on 2009-12-20, in time
            "dropped": false,          // dropped: never overdue
            "lastday": false,          // due at the end of 2010
            "nodue": false,            // no due date
            "fulfilled-later": true,   // struck off on 2010-02-01, after the as-of date
            "year-due": true,          // due 2009 ended on 31 December 2009
        ])
        #expect(figures.commitments.asOf == AsOf(day: ISODate("2010-01-01")!, source: .site))
        // Counted beside the statuses, not instead of them.
        #expect(figures.commitments.own("north").allYears.overdue == 1)
        #expect(figures.commitments.own("north").allYears.fulfilled == 1)
        #expect(figures.commitments.subtree("county").allYears.overdue == 3)
        #expect(figures.commitments.site.tally(year: 2009).overdue == 3)
        #expect(figures.commitments.site.tally(year: 2010).overdue == 0)
        #expect(figures.text("commitments.overdue") == "3")
        #expect(figures.text("commitments.overdue org=north scope=own") == "1")
        #expect(figures.text("commitments.overdue org=north") == "2")  // with n1 below it
        #expect(figures.text("commitments.overdue org=south year=2010") == "0")
    }

    @Test func dueOnTheAsOfDateIsNotYetOverdue() {
        let (_, onTheDay) = Self.overdue(asOf: "2010-12-31")
        #expect(onTheDay["lastday"] == false)
        #expect(onTheDay["fulfilled-later"] == false)  // struck off before the as-of date by now
        let (_, dayAfter) = Self.overdue(asOf: "2011-01-01")
        #expect(dayAfter["lastday"] == true)
        // 31 December 2009, the last day of due 2009-12: not yet.
        let (_, lastDay) = Self.overdue(asOf: "2009-12-31")
        #expect(lastDay["late"] == false)
        #expect(lastDay["year-due"] == false)
        // A month as of-date means its last day: as_of 2009-12 is 31 December 2009.
        let (_, month) = Self.overdue(asOf: "2009-12")
        #expect(month == lastDay)
    }

    @Test func anOverdueRuleTriggersOnAUnitWithOverdueCommitments() {
        let rules = "  - {id: late, metric: overdue, above: 0, label: Late, severity: warning}\n"
            + "  - {id: very-late, metric: overdue, above: 1, label: Very late}\n"
        let (figures, _) = Self.overdue(asOf: "2010-01-01", rules: rules)
        // 2009 own overdue counts: north 1 (late), n1 1 (fulfilled-later), s1 1 (year-due), south 0.
        let triggered = figures.rules.triggers(year: 2009).filter { $0.rule.metric == .overdue }
        #expect(triggered.map { "\($0.org) \($0.rule.id) \($0.value)" } == ["north late 1", "n1 late 1", "s1 late 1"])
        #expect(figures.rules.triggers(year: 2010).isEmpty)
        #expect(figures.text("rules.count year=2009 rule=late") == "3")
        #expect(figures.text("rules.count year=2009 rule=very-late") == "0")
    }
}
