import Foundation

/// The organisation site of `--units N`: data at the scale of a whole county,
/// for timing the data side of a build (reading, validating, figures, one page
/// per unit, ledgers, downloads). 1 county, T townships and 999 villages under
/// each, so 1 + 1000 T units, T = N / 1000 rounded (at least 1): 100,000 gives
/// 100 townships and 100,001 units. Every unit has one responsible person,
/// 10 commitments (5 of 2023, 5 of 2024), one assessment score and one
/// satisfaction rating. Deterministic: the choices of a unit depend only on
/// its number.
///
/// The datasets use all three formats, as publishers mix them:
/// `organisations.csv`, `people.yaml` (with a private `phone`),
/// `commitments/<township>.csv` (one spreadsheet per township, the county's in
/// `county.csv`), `evaluations.json`, and `assessments/review-2024.yaml` with
/// its scores in `review-2024-scores.csv`.
struct OrganisationSite {
    let townships: Int
    static let villagesPerTownship = 999
    static let commitmentsPerUnit = 10
    static let seed: UInt64 = 20_260_102

    init(units: Int) {
        townships = max(1, Int((Double(units) / 1000).rounded()))
    }

    var unitCount: Int { 1 + townships * (1 + Self.villagesPerTownship) }

    struct Unit {
        var number: Int
        var id: String
        var name: String
        var level: String
        var parent: String?
    }

    struct Summary {
        var dataBytes = 0
        var commitments = 0
    }

    /// Units in file order: the county, then each township followed by its villages.
    func units() -> [Unit] {
        var rng = SplitMix64(seed: Self.seed)
        var units = [Unit(number: 0, id: "county", name: "基準縣", level: "county", parent: nil)]
        for township in 1...townships {
            let tid = String(format: "t%03d", township)
            units.append(Unit(number: units.count, id: tid, name: Self.placeName(&rng) + "鎮", level: "township", parent: "county"))
            for village in 1...Self.villagesPerTownship {
                units.append(Unit(number: units.count, id: tid + String(format: "-v%03d", village),
                                  name: Self.placeName(&rng) + "村", level: "village", parent: tid))
            }
        }
        return units
    }

    static let placeSyllables = Array("東西南北富源豐家下窪泊頭大高王李楊柳新安平河灣橋莊營集店溝嶺山坡屯堡寨林")

    static func placeName(_ rng: inout SplitMix64) -> String {
        String([rng.pick(placeSyllables), rng.pick(placeSyllables)])
    }

    /// Writes the site under `root/Content`.
    func write(to root: URL) throws -> Summary {
        let content = root.appendingPathComponent("Content")
        for folder in ["data/commitments", "data/assessments", "reports"] {
            try FileManager.default.createDirectory(at: content.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let units = units()
        var summary = Summary()
        func save(_ text: String, _ path: String) throws {
            summary.dataBytes += text.utf8.count
            try SyntheticSite.writeFile(Array(text.utf8), to: content.appendingPathComponent(path).path)
        }
        try save(siteYAML, "site.yaml")
        try save(homePage, "index.md")
        try save(reportPage, "reports/2024.md")

        var organisations = "id,name,level,parent,facts.residents,facts.party_members,summary\n"
        var people = "# One first-responsible person per unit; phone is private (site.yaml).\n"
        var evaluations: [String] = []
        var scores = "org,component,score\n"
        var commitments = Self.commitmentHeader
        var commitmentFile = "county"
        for unit in units {
            var rng = SplitMix64(seed: Self.seed &+ UInt64(unit.number) &* 0x9E37_79B9)
            let residents = unit.level == "village" ? 300 + rng.below(2700) : 20_000 + rng.below(60_000)
            let members = residents / (18 + rng.below(10))
            let summaryText = unit.level == "village" ? "" : "\(unit.name)轄區單位"
            organisations += "\(unit.id),\(unit.name),\(unit.level),\(unit.parent ?? ""),\(residents),\(members),\(summaryText)\n"

            let person = "p-" + unit.id
            people += "- {id: \(person), name: \(rng.pick(Text.surnames))\(rng.pick(Text.givenNames)), org: \(unit.id), role: first, "
                + "title: \(unit.level == "village" ? "村黨支部書記" : unit.level == "township" ? "鎮黨委書記" : "縣委書記"), "
                + "since: \(2015 + rng.below(9))-0\(1 + rng.below(9)), phone: '138\(String(format: "%08d", unit.number))'}\n"

            // Mostly satisfied, with a tail that triggers the rules of site.yaml.
            let total = 30 + rng.below(90)
            let percent = rng.chance(4) ? 40 + rng.below(20) : rng.chance(15) ? 75 + rng.below(15) : 90 + rng.below(11)
            evaluations.append("  {\"org\": \"\(unit.id)\", \"year\": 2024, \"group\": \"黨員和群眾代表\", \"satisfied\": \(total * percent / 100), \"total\": \(total)}")
            scores += "\(unit.id),review,\(55 + rng.below(45))\(rng.chance(30) ? ".5" : "")\n"

            // A new spreadsheet for each township: its own commitments and its villages'.
            if unit.level == "township" {
                try save(commitments, "data/commitments/\(commitmentFile).csv")
                commitments = Self.commitmentHeader
                commitmentFile = unit.id
            }
            for number in 1...Self.commitmentsPerUnit {
                commitments += commitment(unit, number, person: person, &rng)
                summary.commitments += 1
            }
        }
        try save(commitments, "data/commitments/\(commitmentFile).csv")
        try save(organisations, "data/organisations.csv")
        try save(people, "data/people.yaml")
        try save("[\n" + evaluations.joined(separator: ",\n") + "\n]\n", "data/evaluations.json")
        try save(scores, "data/assessments/review-2024-scores.csv")
        try save(Self.assessmentYAML, "data/assessments/review-2024.yaml")
        return summary
    }

    static let commitmentHeader = "id,org,year,text,category,due,status,fulfilled_on,evidence,quantity,unit,person\n"

    /// One CSV row: half of 2023, half of 2024; about 60 % fulfilled.
    func commitment(_ unit: Unit, _ number: Int, person: String, _ rng: inout SplitMix64) -> String {
        let year = number <= Self.commitmentsPerUnit / 2 ? 2023 : 2024
        let item = rng.pick(Text.commitments)
        let month = 3 + rng.below(10)
        let due = String(format: "%d-%02d-%02d", year, month, 1 + rng.below(28))
        let roll = rng.below(100)
        let status = roll < 60 ? "fulfilled" : roll < 80 ? "in_progress" : roll < 92 ? "pending" : "dropped"
        let fulfilled = status == "fulfilled" ? String(format: "%d-%02d-%02d", year, month, 1 + rng.below(28)) : ""
        let evidence = status == "fulfilled" && rng.chance(50) ? "公示欄照片" : ""
        let quantity = item.unit.isEmpty ? "" : "\(1 + rng.below(40))"
        return "c-\(unit.id)-\(String(format: "%02d", number)),\(unit.id),\(year),\(item.text),\(item.category),\(due),\(status),"
            + "\(fulfilled),\(evidence),\(quantity),\(item.unit),\(rng.chance(50) ? person : "")\n"
    }

    // MARK: Narratives and settings

    var siteYAML: String {
        """
        title: 基準縣基層黨建工作公示（組織數據基準測試 organisation benchmark）
        language: zh-Hans
        description: A generated site of \(unitCount) units for placard-bench --units
        publisher: placard-bench
        base_url: https://example.org/
        levels:
          - {id: county, label: 縣}
          - {id: township, label: 鄉鎮}
          - {id: village, label: 村}
        roles:
          - {id: first, label: 第一責任人}
          - {id: direct, label: 直接責任人}
        private_fields: [phone]
        rules:
          - {id: no-awards, metric: satisfaction, below: 90, label: 取消評先樹優資格, severity: notice}
          - {id: rectify, metric: satisfaction, below: 60, label: 列為重點整頓對象, severity: warning}
          - {id: low-review, metric: "assessment:review-2024", below: 60, label: 年度考核不合格, severity: warning}

        """
    }

    var homePage: String {
        """
        ---
        title: 組織數據基準測試 Organisation benchmark
        ---

        本站有 `=organisations.count` 個單位（`=organisations.count level=village` 個村），\
        2024年承諾兌現率為 `=commitments.rate year=2024`，全縣滿意率為 `=satisfaction.rate org=county year=2024`。

        ```placard
        chart: fulfilment
        year: 2024
        org: county
        caption: 各鄉鎮2024年承諾兌現率
        ```

        """
    }

    var reportPage: String {
        """
        ---
        title: 2024年度基層黨建工作總結
        date: 2025-01-15
        org: county
        year: 2024
        kind: report
        ---

        2024年全縣共作出承諾 `=commitments.made year=2024` 項，兌現 `=commitments.fulfilled year=2024` 項，\
        比上年變化 `=commitments.change year=2024` 個百分點。t001鎮考核名次為第 `=assessment.rank scheme=review-2024 org=t001` 名。

        ```placard
        table: commitments
        org: county
        year: 2024
        columns: [id, text, status, fulfilled_on]
        caption: 縣級承諾
        ```

        """
    }

    static let assessmentYAML = """
        title: 2024年度各單位黨建工作考核
        year: 2024
        scale: 100
        components:
          - {id: review, label: 年終評議, weight: 100}
        grades:
          - {min: 90, label: 優秀}
          - {min: 80, label: 良好}
          - {min: 60, label: 合格}
          - {min: 0, label: 不合格}
        scores: review-2024-scores.csv

        """
}
