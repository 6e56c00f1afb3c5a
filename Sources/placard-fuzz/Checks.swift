import PlacardDiagnostics

/// A diagnostic of a reader must point into the text it read: at a line that
/// exists (every YAML line break counted, as libyaml counts them), or at the
/// whole file. The end of the text may be given as the start of the line after
/// it, as libyaml gives it (`title: [a` fails at 2:1, the line after a data
/// file, or the closing fence after front matter).
func checkLocated(_ diagnostics: [Diagnostic], in text: String, firstLine: Int = 1, _ target: String) {
    var lines = 1
    var previous: Unicode.Scalar = " "
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\n": if previous != "\r" { lines += 1 }
        case "\r", "\u{85}", "\u{2028}", "\u{2029}": lines += 1
        default: break
        }
        previous = scalar
    }
    let last = firstLine + lines - 1
    for diagnostic in diagnostics {
        let location = diagnostic.location
        guard location.line != 0, !(firstLine...last).contains(location.line) else { continue }
        if location.line == last + 1, location.column <= 1 { continue }
        fatalError("\(target): \(diagnostic) is outside lines \(firstLine)...\(last)")
    }
}
