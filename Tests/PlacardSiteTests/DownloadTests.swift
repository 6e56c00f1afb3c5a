import Foundation
import Testing

@testable import PlacardSite

/// OWASP's CSV injection rule: a text cell starting with `=`, `+`, `-`, `@`, tab
/// or carriage return gets a leading `'` in the CSV download (and is quoted);
/// a number, and every value in the JSON download, stays exactly as written.
@Test func csvDownloadsNeutraliseFormulaCellsAndJSONKeepsTheExactValues() throws {
    let (result, files) = try site([
        "Content/site.yaml": "title: T\nlanguage: en\n",
        "Content/index.md": "# Home\n",
        "Content/data/projects.csv": """
            id,note,amount
            a,"=HYPERLINK(""http://x"",""y"")",1
            b,+cmd|' /C calc'!A0,-3.5
            c,@SUM(1+1),+2
            d,-abc,-1e3
            e,-3.5,-.5
            f,"\tstarts with a tab",0
            g,"a cell's CR is read as LF (line ends read alike)\r",0
            h,plain text,0
            i,a=b,0

            """,
        "Content/data/heads.csv": "id,=x\n1,2\n",
        "Content/data/budget.yaml": """
            - item: "=1+1"
              amount: -3.5
            - item: "-3.5"
              amount: 2
            - item: "\\rstarts with a return"
              amount: 0

            """,
    ])
    #expect(result.diagnostics.map(\.description) == [])
    #expect(String(decoding: try #require(files["data/projects.csv"]), as: UTF8.self) == [
        "id,note,amount",
        #"a,"'=HYPERLINK(""http://x"",""y"")",1"#,
        #"b,"'+cmd|' /C calc'!A0",-3.5"#,
        #"c,"'@SUM(1+1)",+2"#,
        #"d,"'-abc",-1e3"#,
        "e,-3.5,-.5",
        "f,\"'\tstarts with a tab\",0",
        "g,\"a cell's CR is read as LF (line ends read alike)\n\",0",
        "h,plain text,0",
        "i,a=b,0",
    ].joined(separator: "\r\n") + "\r\n")
    // A YAML number stays a number; YAML text that reads as a number is not prefixed either.
    #expect(String(decoding: try #require(files["data/budget.csv"]), as: UTF8.self) == "item,amount\r\n\"'=1+1\",-3.5\r\n-3.5,2\r\n\"'\rstarts with a return\",0\r\n")

    // Column names are cells too.
    #expect(String(decoding: try #require(files["data/heads.csv"]), as: UTF8.self) == "id,\"'=x\"\r\n1,2\r\n")

    let json = String(decoding: try #require(files["data/projects.json"]), as: UTF8.self)
    #expect(json.contains(#""note": "=HYPERLINK(\"http://x\",\"y\")""#))
    #expect(json.contains(#""note": "+cmd|' /C calc'!A0""#))
    #expect(json.contains(#""note": "@SUM(1+1)""#))
    #expect(json.contains(#""note": "-abc""#))
    #expect(json.contains(#""note": "\tstarts with a tab""#))
    #expect(!json.contains("'="))
    let budget = String(decoding: try #require(files["data/budget.json"]), as: UTF8.self)
    #expect(budget.contains(#""item": "=1+1", "amount": -3.5"#))
    #expect(budget.contains(#""item": "\rstarts with a return""#))
}

@Test func onlyAWholeNumberEscapesTheFormulaRule() {
    for number in ["-3.5", "+2", "-1e3", "-.5", "+0.25E-2", "-7."] {
        #expect(!DataTable.startsAsFormula(number), "\(number)")
    }
    for formula in ["-", "+", "-e3", "-3.5+1", "-1e", "--1", "-3,5", "- 3", "-1e3)", "=1", "@x", "\t1", "\r1", "-inf", "+.", "-3.5 "] {
        #expect(DataTable.startsAsFormula(formula), "\(formula)")
    }
    for text in ["", "a=1", "1-2", " =1", "3.5"] {
        #expect(!DataTable.startsAsFormula(text), "\(text)")
    }
}
