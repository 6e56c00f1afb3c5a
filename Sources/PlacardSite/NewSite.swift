import Foundation
import PlacardContent

/// `placard init`: the smallest site that shows every part of the format working.
public enum NewSite {
    public struct Problem: Error {
        public var message: String
    }

    /// `workbooks`: the data as Excel workbooks (.xlsx) instead of YAML.
    public static func write(to root: URL, language: String, workbooks: Bool = false) throws {
        let content = root.appendingPathComponent("Content")
        guard !FileManager.default.fileExists(atPath: content.path) else {
            throw Problem(message: "\(content.path) already exists; placard init only makes new sites")
        }
        guard ["en", "zh-Hans", "zh-Hant"].contains(language) else {
            throw Problem(message: "unknown language '\(language)' (expected en, zh-Hans or zh-Hant)")
        }
        let chinese = language.hasPrefix("zh")
        var files: [String: String] = [
            "site.yaml": """
                title: \(chinese ? "我們的公示網站" : "Our public disclosure site")
                language: \(language)
                description: \(chinese ? "責任、承諾與考核情況公開" : "Who is responsible, what we promised and how we were assessed")
                publisher: \(chinese ? "辦公室" : "The Office")
                levels:
                  - {id: county, label: \(chinese ? "縣" : "County")}
                  - {id: town, label: \(chinese ? "鄉鎮" : "Town")}
                roles:
                  - {id: lead, label: \(chinese ? "第一責任人" : "Lead")}
                private_fields: [phone]

                """,
            "index.md": """
                ---
                title: \(chinese ? "歡迎" : "Welcome")
                ---
                \(chinese ? "這是一個新的 Placard 網站。編輯 `Content/` 中的檔案，然後執行 `placard build`。" : "This is a new Placard site. Edit the files in `Content/`, then run `placard build`.")

                """,
            "notices/first-notice.md": """
                ---
                title: \(chinese ? "第一份公示" : "First public notice")
                kind: notice
                date: 2026-01-05
                notice: {from: 2026-01-05, to: 2026-01-12}
                ---
                \(chinese ? "公示內容寫在這裡。" : "The text of the notice goes here.")

                """,
        ]
        // The organisations: a YAML list, or a workbook a publisher keeps in Excel.
        let organisations = [
            ["id", "name", "level", "parent"],
            ["county", chinese ? "本縣" : "The County", "county", ""],
            ["north", chinese ? "北鄉" : "North Town", "town", "county"],
        ]
        if workbooks {
            let url = content.appendingPathComponent("data/organisations.xlsx")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try WorkbookWriter.data(sheet: "organisations", rows: organisations).write(to: url)
        } else {
            files["data/organisations.yaml"] = organisations.dropFirst().map { row in
                "- {" + zip(organisations[0], row).filter { !$0.1.isEmpty }.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}\n"
            }.joined()
        }
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let url = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }
}
