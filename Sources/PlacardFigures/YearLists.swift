/// Values listed by year, each held once, with where each unit's are: a unit
/// finds its own by position. Held by unit and by year, the rates and rule
/// triggers of 100,000 units were held twice, with a dictionary for each unit.
struct YearLists<Value: Sendable>: Sendable {
    /// Each year's values in the order given.
    let byYear: [Int: [Value]]
    /// Where each unit's values are: earliest year first, then in list order.
    private let byUnit: [String: [(year: Int, position: Int32)]]

    init(_ byYear: [Int: [Value]], unit: (Value) -> String) {
        var byUnit: [String: [(year: Int, position: Int32)]] = [:]
        for year in byYear.keys.sorted() {
            for (position, value) in byYear[year]!.enumerated() { byUnit[unit(value), default: []].append((year, Int32(position))) }
        }
        self.byYear = byYear
        self.byUnit = byUnit
    }

    /// A unit's values, earliest year first.
    func values(unit: String) -> [Value] {
        (byUnit[unit] ?? []).map { byYear[$0.year]![Int($0.position)] }
    }

    /// A unit's values of one year.
    func values(unit: String, year: Int) -> [Value] {
        (byUnit[unit] ?? []).filter { $0.year == year }.map { byYear[year]![Int($0.position)] }
    }

    func values(year: Int) -> [Value] { byYear[year] ?? [] }
}
