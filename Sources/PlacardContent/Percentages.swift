import Foundation

/// Percentages of survey answers, computed from counts. The pages use these
/// too, so a figure checked at load time is the figure published.
public enum Percentages {
    /// Each count as a percentage of `total`, with `decimals` decimals.
    /// When the counts add up to `total` (a single-answer question) the
    /// figures are rounded by largest remainder so that they add up to exactly
    /// 100; otherwise each is rounded on its own (half away from zero).
    public static func shares(of counts: [Int], total: Int, decimals: Int = 2) -> [Decimal] {
        if sum(counts) == total, let adjusted = largestRemainder(counts, total: total, decimals: decimals) {
            return adjusted
        }
        return counts.map { share($0, of: total, decimals: decimals) }
    }

    /// One count as a percentage of `total`, rounded on its own.
    public static func share(_ count: Int, of total: Int, decimals: Int = 2) -> Decimal {
        guard total > 0 else { return 0 }
        return (Decimal(count) * 100 / Decimal(total)).rounded(decimals)
    }

    /// Largest-remainder rounding: every share is first cut down to `decimals`
    /// decimals, then the units still missing from 100 go one each to the
    /// shares with the largest remainders; among equal remainders the earlier
    /// option wins. nil when the counts do not add up to `total`, or are too
    /// large to compute exactly.
    public static func largestRemainder(_ counts: [Int], total: Int, decimals: Int = 2) -> [Decimal]? {
        guard total > 0, (0...6).contains(decimals), counts.allSatisfy({ $0 >= 0 }), sum(counts) == total else { return nil }
        var unit = 1
        for _ in 0..<decimals { unit *= 10 }
        // Whole percentage units (hundredths of a percent for 2 decimals) in 100%.
        let whole = 100 * unit
        var floors: [Int] = []
        var remainders: [Int] = []
        for count in counts {
            let (scaled, overflow) = count.multipliedReportingOverflow(by: whole)
            guard !overflow else { return nil }
            floors.append(scaled / total)
            remainders.append(scaled % total)
        }
        guard let floorSum = sum(floors) else { return nil }
        let missing = whole - floorSum
        let order = counts.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        for index in order.prefix(missing) { floors[index] += 1 }
        return floors.map { Decimal($0) / Decimal(unit) }
    }

    /// Whether `reported`, a share copied from a report with `decimals` decimals,
    /// is a correct rounding of option `index` of a question: the share rounded
    /// on its own (half up), or, when the counts add up to `total` (a
    /// single-answer question), the share rounded by largest remainder so that
    /// the question adds up to 100. Either is how a careful report rounds.
    public static func isCorrectRounding(_ reported: Decimal, decimals: Int, option index: Int, counts: [Int], total: Int) -> Bool {
        guard counts.indices.contains(index) else { return false }
        if reported == share(counts[index], of: total, decimals: decimals) { return true }
        guard let adjusted = largestRemainder(counts, total: total, decimals: decimals) else { return false }
        return reported == adjusted[index]
    }

    /// The sum of counts, or nil when it overflows: counts come from files.
    public static func sum(_ counts: [Int]) -> Int? {
        var total = 0
        for count in counts {
            let (next, overflow) = total.addingReportingOverflow(count)
            if overflow { return nil }
            total = next
        }
        return total
    }
}
