import Foundation

/// The built-in theme, decoded from the copy embedded at build time.
public enum BuiltInTheme {
    public static var files: [String: Data] {
        EmbeddedTheme.files.compactMapValues { Data(base64Encoded: $0) }
    }
}
