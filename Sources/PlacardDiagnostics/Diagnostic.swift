/// A place in a source file. Lines and columns count from 1; a column of 0
/// means "the whole line" and a line of 0 "the whole file".
public struct SourceLocation: Hashable, Sendable, Comparable {
    public var file: String
    // 32 bits each: every value read keeps its place, and a million-record
    // dataset holds millions of places (24 bytes each instead of 32).
    private var storedLine: UInt32
    private var storedColumn: UInt32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = UInt32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn & ~Self.cellMark) }
        set { storedColumn = UInt32(clamping: newValue) & ~Self.cellMark | storedColumn & Self.cellMark }
    }

    /// The column's top bit marks a spreadsheet cell: no extra storage per place.
    private static let cellMark: UInt32 = 1 << 31

    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        storedLine = UInt32(clamping: line)
        storedColumn = UInt32(clamping: column) & ~Self.cellMark
    }

    /// A cell of a workbook's sheet, printed as spreadsheets name it:
    /// `Content/data/x.xlsx: Sheet1!C7`. `sheet` is the file and the sheet
    /// (`Content/data/x.xlsx: Sheet1`); rows and columns count from 1.
    public init(cellIn sheet: String, row: Int, column: Int) {
        self.init(file: sheet, line: row, column: column)
        storedColumn |= Self.cellMark
    }

    /// A place made with `init(cellIn:row:column:)`.
    public var isCell: Bool { storedColumn & Self.cellMark != 0 }

    /// A column's letters: 1 is A, 26 is Z, 27 is AA.
    public static func columnLetters(_ column: Int) -> String {
        var letters = "", rest = column
        while rest > 0 {
            let digit = (rest - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
            rest = (rest - 1) / 26
        }
        return letters
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.storedLine, a.storedColumn) < (b.file, b.storedLine, b.storedColumn)
    }

    /// `file:line:col`, leaving out what is not known.
    public var description: String {
        if isCell { return "\(file)!\(Self.columnLetters(column))\(line)" }
        var text = file
        if line > 0 {
            text += ":\(line)"
            if column > 0 { text += ":\(column)" }
        }
        return text
    }
}

public enum Severity: String, Sendable, Hashable {
    case error
    case warning
}

/// One problem found in a site's input, printed as `file:line:col: error: message`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Error {
    public var location: SourceLocation
    public var severity: Severity
    public var message: String

    public init(_ severity: Severity, _ message: String, at location: SourceLocation) {
        self.location = location
        self.severity = severity
        self.message = message
    }

    public static func error(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, message, at: location)
    }

    public static func warning(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.warning, message, at: location)
    }

    public var description: String {
        "\(location.description): \(severity.rawValue): \(message)"
    }
}

/// Collects every problem of a run, so that all of them are reported together.
/// Each stage appends to its own collector; the pipeline merges them.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []
    /// Strict mode (`--strict`, `strict: true`): every warning is recorded as an error.
    public private(set) var warningsAreErrors = false

    public init() {}

    /// From now on, and for every warning already recorded: for CI, where a
    /// suspicious figure must stop the publication as a wrong one does.
    public mutating func treatWarningsAsErrors() {
        warningsAreErrors = true
        all = all.map(strict)
    }

    private func strict(_ diagnostic: Diagnostic) -> Diagnostic {
        guard warningsAreErrors, diagnostic.severity == .warning else { return diagnostic }
        return .error(diagnostic.message, at: diagnostic.location)
    }

    public mutating func error(_ message: String, at location: SourceLocation) {
        all.append(.error(message, at: location))
    }

    public mutating func warning(_ message: String, at location: SourceLocation) {
        all.append(strict(.warning(message, at: location)))
    }

    public mutating func append(_ diagnostic: Diagnostic) {
        all.append(strict(diagnostic))
    }

    public mutating func append(contentsOf other: Diagnostics) {
        append(contentsOf: other.all)
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        all.append(contentsOf: warningsAreErrors ? other.map(strict) : other)
    }

    public var hasErrors: Bool { all.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }

    /// Sorted by file, line and column, duplicates removed: the order a reader expects.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return all.sorted { ($0.location, $0.severity.rawValue, $0.message) < ($1.location, $1.severity.rawValue, $1.message) }
            .filter { seen.insert($0).inserted }
    }
}
