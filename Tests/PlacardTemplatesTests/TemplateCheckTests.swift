import Foundation
import PlacardDiagnostics
import Testing

@testable import PlacardTemplates

private struct Item: Decodable { var name: String; var tags: [String] }
private struct Model: Decodable {
    var title: String
    var flag: Bool
    var items: [Item]
    var summary: String?
    var params: OpenValues
}

private func templates(_ files: [String: String]) -> (TemplateSet, [Diagnostic]) {
    var theme = [String: Theme.File]()
    for (path, text) in files {
        theme[path] = Theme.File(data: Data(text.utf8), origin: "Templates/\(path)")
    }
    return TemplateSet.load(Theme(files: theme))
}

@Test func aMisspeltFieldIsAnErrorAtItsLineAndColumn() {
    let (set, parse) = templates(["page.mustache": "<h1>{{title}}</h1>\n<p>{{titel}}</p>\n"])
    #expect(parse.isEmpty)
    let problems = set.check("page", renders: Model.self).map(\.description)
    #expect(problems == ["Templates/page.mustache:2:4: error: unknown field 'titel' (fields here: flag, items, params, summary, title)"])
}

@Test func fieldsResolveThroughSectionsAndTheContextStack() {
    let text = """
        {{#items}}{{name}} {{title}}{{#tags}}{{.}}{{/tags}}{{#first()}}!{{/first()}}{{/items}}
        {{#flag}}{{title}}{{/flag}}{{^items}}none{{/items}}{{#summary}}{{summary}}{{/summary}}
        {{params.anything.at.all}}{{{title}}}{{&title}}{{! a comment }}
        """
    let (set, parse) = templates(["page.mustache": text])
    #expect(parse.isEmpty)
    #expect(set.check("page", renders: Model.self).isEmpty)
}

@Test func aFieldOfAnEmptyListIsStillChecked() {
    // The data may have no items: the schema still knows an item's fields.
    let (set, _) = templates(["page.mustache": "{{#items}}{{nmae}}{{/items}}"])
    let problems = set.check("page", renders: Model.self).map(\.description)
    #expect(problems == ["Templates/page.mustache:1:11: error: unknown field 'nmae' (fields here: name, tags)"])
}

@Test func aMissingPartialOrParentIsAnError() {
    let (set, _) = templates([
        "page.mustache": "{{>partials/nav}}\n{{<layout}}{{$main}}{{title}}{{/main}}{{/layout}}",
        "partials/nav.mustache": "{{>partials/missing}}",
    ])
    let problems = set.check("page", renders: Model.self).map(\.description)
    #expect(problems == [
        "Templates/partials/nav.mustache:1:1: error: no partial named 'partials/missing' (looked for partials/missing.mustache in the theme)",
        "Templates/page.mustache:2:1: error: no parent template named 'layout' (looked for layout.mustache in the theme)",
    ])
}

@Test func aDottedNameIsCheckedPartByPart() {
    let (set, _) = templates(["page.mustache": "{{#items}}{{.name}}{{/items}}{{items.nope}}"])
    let problems = set.check("page", renders: Model.self).map(\.description)
    #expect(problems == ["Templates/page.mustache:1:30: error: unknown field 'nope' in 'items.nope'"])
}

@Test func aSyntaxErrorIsReportedWithItsPlace() {
    let (_, problems) = templates(["page.mustache": "line one\n{{#items}}\n{{/wrong}}\n"])
    #expect(problems.map(\.description) == ["Templates/page.mustache:3:4: error: section closed with the wrong name"])
}

@Test func delimiterChangesAreRefused() {
    let (_, problems) = templates(["page.mustache": "{{=<% %>=}}"])
    #expect(problems.map(\.description) == ["Templates/page.mustache:1:1: error: changing delimiters is not supported in Placard templates"])
}

@Test func renderingEscapesValuesAndOpenValuesReachTemplates() {
    struct View: Decodable { var title: String; var params: OpenValues }
    let (set, _) = templates(["page.mustache": "{{title}}|{{{title}}}|{{params.author}}|{{#params.tags}}[{{.}}]{{/params.tags}}"])
    let view = View(title: "<b>&</b>", params: OpenValues(["author": "李<四>", "tags": ["a", "b"]]))
    #expect(set.render("page", view) == "&lt;b&gt;&amp;&lt;/b&gt;|<b>&</b>|李&lt;四&gt;|[a][b]")
}

@Test func recursiveViewModelsDoNotLoopForever() {
    struct Node: Decodable { var name: String; var children: [Node] }
    struct Tree: Decodable { var root: Node }
    let (set, _) = templates([
        "tree.mustache": "{{#root}}{{>node}}{{/root}}",
        "node.mustache": "{{name}}{{#children}}{{>node}}{{/children}}{{nome}}",
    ])
    let problems = set.check("tree", renders: Tree.self).map(\.description)
    #expect(problems == ["Templates/node.mustache:1:44: error: unknown field 'nome' (fields here: children, name)"])
}

@Test func aPartialThatIncludesItselfWithNoEndIsAnError() {
    struct Node: Decodable { var name: String; var children: [Node] }
    struct View: Decodable { var title: String; var items: [Item]; var root: Node }
    let (set, _) = templates([
        "page.mustache": "{{>loop}}{{#items}}{{>again}}{{/items}}{{#root}}{{>tree}}{{/root}}",
        "loop.mustache": "x{{>loop}}",
        "again.mustache": "{{#items}}{{>again}}{{/items}}",
        "tree.mustache": "{{name}}{{#children}}{{>tree}}{{/children}}",
    ])
    #expect(set.check("page", renders: View.self).map(\.description) == [
        "Templates/loop.mustache:1:2: error: 'loop' includes itself without going deeper into a list of the data, so it would never end",
        "Templates/again.mustache:1:11: error: 'again' includes itself without going deeper into a list of the data, so it would never end",
    ])
}
