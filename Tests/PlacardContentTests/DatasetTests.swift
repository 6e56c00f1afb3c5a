import Foundation
import Testing
@testable import PlacardContent
import PlacardDiagnostics

@Suite struct DatasetTests {
    @Test func organisationsFromCSVWithUnknownParent() throws {
        let site = TestSite(["Content/data/organisations.csv": """
        id,name,level,parent,facts.residents
        zhanhua,沾化縣,county,,
        fuyuan,富源街道,township,nowhere,
        daidong,岱東社區,village,fuyuan,4200

        """])
        let (_, data, messages) = site.load()
        #expect(messages == ["Content/data/organisations.csv:3:22: error: unknown organisation 'nowhere' in field 'parent'"])
        #expect(data.organisations.map(\.id) == ["zhanhua", "fuyuan", "daidong"])
        #expect(data.organisations[2].fact("residents") == 4200)
        #expect(data.organisations[2].facts.first?.location.description == "Content/data/organisations.csv:4:29")
        #expect(data.files["organisations"] == "Content/data/organisations.csv")
    }

    @Test func fieldErrorsNameFieldAndValue() {
        let site = TestSite(["Content/data/organisations.yaml": """
        - {id: a, name: A, level: county}
        - {id: a, name: B}
        - {id: Bad Id, name: C}
        - {name: D}
        - {id: e, name: E, level: city, facts: {residents: many}}
        - just text
        """, "Content/data/commitments.yaml": """
        - {id: c1, org: a, text: Build roads, year: abc, status: done, due: 2009-13-01}
        """])
        #expect(site.load().messages == [
            "Content/data/commitments.yaml:1:45: error: field 'year' must be a number, found text 'abc'",
            "Content/data/commitments.yaml:1:58: error: unknown status 'done' (expected pending, in_progress, fulfilled or dropped)",
            "Content/data/commitments.yaml:1:69: error: field 'due' must be a date (YYYY, YYYY-MM or YYYY-MM-DD), found '2009-13-01'",
            "Content/data/organisations.yaml:2:8: error: duplicate organisation id 'a' (first defined at Content/data/organisations.yaml:1:8)",
            "Content/data/organisations.yaml:3:8: error: invalid id 'Bad Id' in field 'id' (use lowercase letters, digits and '-')",
            "Content/data/organisations.yaml:4:3: error: missing required field 'id'",
            "Content/data/organisations.yaml:5:27: error: unknown level 'city' in field 'level'",
            "Content/data/organisations.yaml:5:52: error: field 'facts.residents' must be a number, found text 'many'",
            "Content/data/organisations.yaml:6:3: error: a record must be a map of fields, found text 'just text'",
        ])
    }

    @Test func cycleIsReportedOnce() {
        let site = TestSite(["Content/data/organisations.yaml": """
        - {id: root, name: R}
        - {id: b, name: B, parent: c}
        - {id: a, name: A, parent: b}
        - {id: c, name: C, parent: a}
        - {id: d, name: D, parent: a}
        - {id: self, name: S, parent: self}
        """])
        #expect(site.load().messages == [
            "Content/data/organisations.yaml:2:28: error: organisation 'b' is its own ancestor: b -> c -> a -> b",
            "Content/data/organisations.yaml:6:31: error: organisation 'self' is its own ancestor: self -> self",
        ])
    }

    @Test func privateFieldsAreDroppedEverywhere() throws {
        let site = TestSite([
            "Content/data/people.csv": "id,name,org,role,phone\nwang,王,zhanhua,first,13800000000\n",
            "Content/data/organisations.json": #"[{"id": "zhanhua", "name": {"zh-Hant": "沾化縣", "en": "Zhanhua"}, "facts": {"phone": "1", "residents": 2}}]"#,
            "Content/data/volunteers.yaml": "- {name: 李, id_number: '370000', team: patrol}\n",
        ])
        let (_, data, messages) = site.load()
        #expect(messages == [])
        #expect(data.people.first?.source["phone"] == nil)
        #expect(data.people.first?.role == "first")
        // A private field is removed at any depth, before the check of unknown fields.
        #expect(data.organisations.first?.source["facts"]?["phone"] == nil)
        #expect(data.organisations.first?.facts.map(\.name) == ["residents"])
        #expect(data.organisations.first?.name.resolved(for: "en") == "Zhanhua")
        let volunteers = try #require(data.generic["volunteers"])
        #expect(volunteers.records.first?["id_number"] == nil)
        #expect(volunteers.records.first?["team"]?.text == "patrol")
    }

    @Test func referencesAcrossDatasets() {
        let site = TestSite([
            "Content/data/organisations.yaml": "- {id: z, name: Z}\n",
            "Content/data/people.yaml": "- {id: p, name: P, org: y, role: boss}\n",
            "Content/data/commitments.yaml": "- {id: c, org: z, text: T, person: q}\n",
            "Content/data/commitment-updates.yaml": "- {commitment: nope, date: 2009-05-01, status: pending}\n",
            "Content/data/indicators.yaml": "- {year: 2009, org: z, indicator: six-good, value: 3}\n",
            "Content/data/funding.yaml": "- {year: 2009, org: z, rate: 1.5, per: residents}\n",
        ])
        #expect(site.load().messages == [
            "Content/data/commitment-updates.yaml:1:16: error: unknown commitment 'nope' in field 'commitment'",
            "Content/data/commitments.yaml:1:36: error: unknown person 'q' in field 'person'",
            "Content/data/funding.yaml:1:40: error: organisation 'z' has no fact 'residents' (field 'per')",
            "Content/data/indicators.yaml:1:35: error: unknown indicator 'six-good' in field 'indicator'",
            "Content/data/people.yaml:1:25: error: unknown organisation 'y' in field 'org'",
            "Content/data/people.yaml:1:34: error: unknown role 'boss' in field 'role'",
        ])
    }

    @Test func folderDatasetsAndFormatClash() {
        let site = TestSite([
            "Content/data/organisations.yaml": "- {id: z, name: Z}\n",
            "Content/data/organisations.csv": "id,name\nz,Z\n",
            "Content/data/commitments/2010.csv": "id,org,text,status\nc2,z,Later,pending\n",
            "Content/data/commitments/2009.yaml": "- {id: c1, org: z, text: Earlier, status: fulfilled, fulfilled_on: 2009-12-01}\n",
        ])
        let (_, data, messages) = site.load()
        #expect(messages == ["Content/data/organisations.yaml: error: dataset 'organisations' is given twice, as organisations.csv and organisations.yaml: keep one"])
        #expect(data.commitments.map(\.id) == ["c1", "c2"])
        #expect(data.commitments[0].location.description == "Content/data/commitments/2009.yaml:1:3")
        #expect(data.commitments[1].location.description == "Content/data/commitments/2010.csv:2:1")
    }

    @Test func commitmentWordingIsReadAgainFromItsRecord() {
        let site = TestSite([
            "Content/data/organisations.yaml": "- {id: z, name: Z}\n",
            "Content/data/commitments/2009.csv": "id,org,text.en,text.zh,quantity,unit\nroad,z,Pave the road,修路,12.40,km\nwell,z,Dig a well,,,\n",
            "Content/data/commitments/2010.yaml": "- {id: hall, org: z, text: {en: Hall}, quantity: 3, unit: rooms, category: building}\n",
        ])
        let (_, data, messages) = site.load()
        #expect(messages == [])
        let wordings = data.commitments.map(\.wording)
        #expect(wordings.map(\.text) == [
            LocalizedText(entries: [.init(language: "en", text: "Pave the road"), .init(language: "zh", text: "修路")]),
            LocalizedText(entries: [.init(language: "en", text: "Dig a well")]),
            LocalizedText(entries: [.init(language: "en", text: "Hall")]),
        ])
        #expect(wordings.map { $0.quantity?.description } == ["12.4", nil, "3"])
        #expect(wordings.map(\.unit) == ["km", nil, "rooms"])
        #expect(data.commitments[2].source["category"]?.text == "building")
    }

    @Test func commitmentWordingReadStraightFromCSVCellsIsTheRecordsWording() throws {
        let rows = [
            "road,z,Pave the road,12.40,km",
            "well,z,\"Dig a \"\"deep\"\" well,\nthen cap it\",\" 3 \",\" m \"",
            "hall,z,  Hall  ,,",
            "gate,z,門,007,\"\"",
        ]
        let site = TestSite([
            "Content/data/organisations.yaml": "- {id: z, name: Z}\n",
            "Content/data/commitments.csv": "id,org,text,quantity,unit\r\n" + rows.joined(separator: "\r\n") + "\r\n",
        ])
        let (_, data, messages) = site.load()
        #expect(messages == [])
        #expect(data.commitments.map(\.id) == ["road", "well", "hall", "gate"])
        for commitment in data.commitments {
            var ignored = Diagnostics()
            let record = try #require(RecordFields(commitment.source, diagnostics: &ignored))
            #expect(CommitmentWording(csvRow: commitment.source) == CommitmentWording(record, &ignored))
        }
        #expect(data.commitments.map { $0.wording.text.description } == ["Pave the road", "Dig a \"deep\" well,\nthen cap it", "Hall", "門"])
        #expect(data.commitments.map { $0.wording.quantity?.description } == ["12.4", "3", nil, "7"])
        #expect(data.commitments.map(\.wording.unit) == ["km", "m", nil, nil])
    }

    @Test func emptyAndMissingData() {
        let (_, data, messages) = TestSite([:]).load()
        #expect(messages == [] && data.organisations.isEmpty && data.generic.isEmpty)
        let empty = TestSite(["Content/data/organisations.yaml": "", "Content/data/people.json": "", "Content/data/funding.csv": ""])
        #expect(empty.load().messages == [])
        let wrong = TestSite(["Content/data/organisations.yaml": "id: a\n"])
        #expect(wrong.load().messages == ["Content/data/organisations.yaml:1:1: error: a dataset must be a list of records, found a map"])
    }

    @Test func bomCRLFAndInvalidUTF8() {
        var bytes = Data([0xEF, 0xBB, 0xBF])
        bytes.append(Data("id,name\r\nz,沾化\r\ny,\"a\r\nb\"\r\n".utf8))
        var broken = Data("id,name\nz,".utf8)
        broken.append(contentsOf: [0xC3, 0x28])
        let site = TestSite(bytes: ["Content/data/organisations.csv": bytes, "Content/data/things.csv": broken])
        let (_, data, messages) = site.load()
        #expect(messages == ["Content/data/things.csv:2:3: error: the file is not valid UTF-8 text (if it was saved by Excel as GB18030/GBK or Big5, declare it in site.yaml: datasets: {things: {encoding: gb18030}})"])
        #expect(data.organisations.map(\.id) == ["z", "y"])
        // A line break inside a quoted cell is read as LF too, however the file was saved.
        #expect(data.organisations[1].name.description == "a\nb")
        #expect(data.organisations[1].location.description == "Content/data/organisations.csv:3:1")
    }

    /// An unknown field of a format dataset is an error: with a suggestion when
    /// close to a known field, else the list of known fields. Generic datasets keep any field.
    @Test func anUnknownFieldIsAnError() {
        let site = TestSite([
            "Content/data/organisations.yaml": "- {id: z, name: Z, parnet: y, website: x}\n",
            "Content/data/projects.yaml": "- {id: p, parnet: z, anything: 1}\n",
        ])
        #expect(site.load().messages == [
            "Content/data/organisations.yaml:1:20: error: unknown field 'parnet' in an organisation (did you mean 'parent'?)",
            "Content/data/organisations.yaml:1:31: error: unknown field 'website' in an organisation (known fields: id, name, level, parent, facts, summary)",
        ])
    }

    /// A misspelt CSV column is reported at its header, once (not on each row);
    /// a private column (`phone`) and nested columns (`name.en`, `facts.residents`) are fine.
    @Test func aMisspeltCSVColumnIsOneErrorAtItsHeader() {
        let site = TestSite([
            "Content/data/organisations.csv": "id,name,parnet\nz,Z,\ny,Y,z\nx,X,z\n",
            "Content/data/people.csv": "id,name.zh-Hant,name.en,org,phone,stauts\np,甲,P,z,1,a\nq,乙,Q,z,2,b\n",
            "Content/data/evaluations.csv": "org,year,satisfied,total,facts.x\nz,2009,1,2,3\n",
        ])
        #expect(site.load().messages == [
            "Content/data/evaluations.csv:1:26: error: unknown field 'facts' in an evaluation (known fields: org, year, group, satisfied, total)",
            "Content/data/organisations.csv:1:9: error: unknown field 'parnet' in an organisation (did you mean 'parent'?)",
            "Content/data/people.csv:1:35: error: unknown field 'stauts' in a person (known fields: id, name, org, role, title, since, until)",
        ])
    }

    /// Every dataset and document of the format names its kind of record.
    @Test func unknownFieldsInEveryKindOfRecord() {
        let site = TestSite([
            "Content/data/commitments.yaml": "- {id: c, org: z, text: T, stauts: fulfilled}\n",
            "Content/data/commitment-updates.yaml": "- {commitment: c, date: 2009, status: pending, nots: x}\n",
            "Content/data/funding.yaml": "- {year: 2009, org: z, amount: 1, curency: USD}\n",
            "Content/data/indicators.yaml": "- {year: 2009, org: z, indicator: five-good, value: 1, off: 2}\n",
            "Content/data/organisations.yaml": "- {id: z, name: Z}\n",
            "Content/data/assessments/a.yaml": """
            title: A
            scael: 100
            components: [{id: x, weight: 100, lable: X}]
            grades: [{min: 0, label: G, max: 1}]
            scores: [{org: z, component: x, score: 1, perod: Q1}]
            """,
            "Content/data/surveys/s.yaml": """
            title: S
            respondents: 1
            questions:
              - {id: q, text: Q, mutliple: true, options: [{label: a, count: 1, percent: 100}]}
            """,
        ])
        #expect(site.load().messages == [
            "Content/data/assessments/a.yaml:2:1: error: unknown field 'scael' in an assessment (did you mean 'scale'?)",
            "Content/data/assessments/a.yaml:3:35: error: unknown field 'lable' in a component (did you mean 'label'?)",
            "Content/data/assessments/a.yaml:4:29: error: unknown field 'max' in a grade (did you mean 'min'?)",
            "Content/data/assessments/a.yaml:5:43: error: unknown field 'perod' in a score (did you mean 'period'?)",
            "Content/data/commitment-updates.yaml:1:48: error: unknown field 'nots' in a commitment update (did you mean 'note'?)",
            "Content/data/commitments.yaml:1:28: error: unknown field 'stauts' in a commitment (did you mean 'status'?)",
            "Content/data/funding.yaml:1:35: error: unknown field 'curency' in a funding line (did you mean 'currency'?)",
            "Content/data/indicators.yaml:1:56: error: unknown field 'off' in an indicator value (did you mean 'of'?)",
            "Content/data/surveys/s.yaml:4:22: error: unknown field 'mutliple' in a question (did you mean 'multiple'?)",
            "Content/data/surveys/s.yaml:4:69: error: unknown field 'percent' in an option (known fields: label, count, reported_percent)",
        ])
    }
}
