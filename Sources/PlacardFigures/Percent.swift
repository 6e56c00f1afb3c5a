import Foundation
import PlacardContent

/// Shared rounding of the module. Every published rate is a percentage with
/// two decimals, rounded half up ("schoolbook": 66.665 -> 66.67, and half away
/// from zero for the rare negative figure), through `Decimal.rounded(_:)`.
/// Comparisons (rules, changes) use these published figures, so a page never
/// shows 90.00% next to "below 90".
public enum Percent {
    public static let decimals = 2

    /// `part` of `whole` in percent, two decimals; nil when `whole` is 0.
    public static func of(_ part: Decimal, _ whole: Decimal) -> Decimal? {
        guard whole != 0 else { return nil }
        return (part * 100 / whole).rounded(decimals)
    }

    public static func of(_ part: Int, _ whole: Int) -> Decimal? { of(Decimal(part), Decimal(whole)) }
}

/// A figure's change from the year before, in the figure's own unit
/// (percentage points for rates).
public struct Change: Sendable, Hashable {
    public var previousYear: Int
    public var previous: Decimal
    /// current - previous.
    public var difference: Decimal

    public init?(current: Decimal?, previous: Decimal?, previousYear: Int) {
        guard let current, let previous else { return nil }
        self.previousYear = previousYear
        self.previous = previous
        self.difference = current - previous
    }
}
