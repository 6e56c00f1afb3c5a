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
        /// The words of the new site in its language: Simplified Chinese is written in its own characters.
        func say(_ english: String, _ traditional: String, _ simplified: String) -> String {
            switch language {
            case "zh-Hant": traditional
            case "zh-Hans": simplified
            default: english
            }
        }
        var files: [String: String] = [
            "site.yaml": """
                title: \(say("Our public disclosure site", "我們的公示網站", "我们的公示网站"))
                language: \(language)
                description: \(say("Who is responsible, what we promised and how we were assessed", "責任、承諾與考核情況公開", "责任、承诺与考核情况公开"))
                publisher: \(say("The Office", "辦公室", "办公室"))
                levels:
                  - {id: county, label: \(say("County", "縣", "县"))}
                  - {id: town, label: \(say("Town", "鄉鎮", "乡镇"))}
                roles:
                  - {id: lead, label: \(say("Lead", "第一責任人", "第一责任人"))}
                private_fields: [phone]

                """,
            "index.md": """
                ---
                title: \(say("Welcome", "歡迎", "欢迎"))
                ---
                \(say("This is a new Placard site. Edit the files in `Content/`, then run `placard build`.", "這是一個新的 Placard 網站。編輯 `Content/` 中的檔案，然後執行 `placard build`。", "这是一个新的 Placard 网站。编辑 `Content/` 中的文件，然后运行 `placard build`。"))

                """,
            "notices/first-notice.md": """
                ---
                title: \(say("First public notice", "第一份公示", "第一份公示"))
                kind: notice
                date: 2026-01-05
                notice: {from: 2026-01-05, to: 2026-01-12}
                ---
                \(say("The text of the notice goes here.", "公示內容寫在這裡。", "公示内容写在这里。"))

                """,
        ]
        // The organisations: a YAML list, or a workbook a publisher keeps in Excel.
        let organisations = [
            ["id", "name", "level", "parent"],
            ["county", say("The County", "本縣", "本县"), "county", ""],
            ["north", say("North Town", "北鄉", "北乡"), "town", "county"],
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
