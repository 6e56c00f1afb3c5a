import Foundation
import PlacardTemplates

/// What templates see. Every template renders a `PageView`; every value is
/// plain text, escaped by the template engine, except the fields named `...HTML`,
/// which hold HTML made by cmark or by Placard itself.
///
/// These are `Decodable` only so that the template checker can read their shape
/// (see PlacardTemplates/TemplateSchema.swift); they are never decoded from data.
struct PageView: Decodable, Sendable, Equatable {
    var site: SiteView
    var page: PageContent
}

struct SiteView: Decodable, Sendable, Equatable {
    var title: String
    var description: String?
    /// site.yaml's publisher, or nil when it names none.
    var publisher: String?
    /// The `lang` of every page.
    var language: String
    /// The way from this page back to the site root: `./`, `../`, `../../`.
    var root: String
    var homeURL: String
    var stylesheetURL: String
    var searchURL: String
    /// The search script, for the search page.
    var searchScriptURL: String
    /// Set when the site has a base_url and so a feed.
    var feedURL: String?
    var nav: [Link]
    var strings: UIStrings
    var buildDate: DateText
}

struct Link: Decodable, Sendable, Equatable {
    var title: String
    var url: String
    /// The link is to the page being shown, or to a section that holds it.
    var current: Bool = false
}

struct DateText: Decodable, Sendable, Equatable {
    /// For `<time datetime>`.
    var iso: String
    /// For the reader.
    var text: String
}

struct PageContent: Decodable, Sendable, Equatable {
    var title: String
    /// The page's own address relative to the site root, for canonical links.
    var path: String
    var isHome: Bool
    var canonicalURL: String?
    var kind: String
    var isNotice: Bool
    var isReport: Bool
    var summary: String?
    var bodyHTML: String
    var toc: [TocEntry]
    var published: DateText
    var updated: DateText
    /// True when the last change differs from the publication date.
    var wasUpdated: Bool
    var notice: NoticeView?
    var breadcrumbs: [Link]
    /// Lists of pages under headings: folder listings, notices, the home page's latest.
    var sections: [PageSection]
    var tags: [String]
    var changes: [ChangeView]
    var org: String?
    var year: String?
    /// Front matter keys Placard does not know, for a site's own templates.
    var params: OpenValues
    /// The parts of a page built from data: tables, charts, figures.
    var blocks: [ContentBlock] = []
    /// The organisation tree, on orgs/.
    var tree: [TreeNode] = []
    /// Numbered pages of a long list: the previous and next pages, and a window
    /// of numbered pages around this one (see `Pagination`).
    var pagination: [PageLink] = []
    /// On a page built from data: the date its data describes ("data as of").
    var dataAsOf: AsOfView?
}

/// A link of a long list's pagination; without a `url`, a gap (`…`) where
/// pages are left out.
struct PageLink: Decodable, Sendable, Equatable {
    var title: String
    var url: String?
    /// The link is to the page being shown.
    var current: Bool = false
    /// `prev` or `next` on the links to the neighbouring pages.
    var rel: String?
}

struct TocEntry: Decodable, Sendable, Equatable {
    var title: String
    var id: String
    var level: Int
    var children: [TocChild]
}

struct TocChild: Decodable, Sendable, Equatable {
    var title: String
    var id: String
}

struct NoticeView: Decodable, Sendable, Equatable {
    var from: DateText
    var to: DateText
    /// `open`, `closed` or `upcoming` against the build date.
    var state: String
    var stateText: String
    var isOpen: Bool
}

struct PageSection: Decodable, Sendable, Equatable {
    var title: String
    var id: String
    var items: [PageItem]
    var isEmpty: Bool
}

struct PageItem: Decodable, Sendable, Equatable {
    var title: String
    var url: String
    var summary: String?
    var date: DateText?
    var notice: NoticeView?
}

struct ChangeView: Decodable, Sendable, Equatable {
    var date: DateText
    var note: String
}

/// A part of a data page: a heading, then any of a short text, a table, a
/// chart (with its table beside it) and a list of links.
struct ContentBlock: Decodable, Sendable, Equatable {
    var title: String
    var id: String
    var note: String?
    /// Figures shown large above the table: "59.80%  fulfilment rate".
    var figures: [FigureView] = []
    var table: TableView?
    var chart: ChartView?
    var links: [PageItem] = []
}

struct FigureView: Decodable, Sendable, Equatable {
    var label: String
    var value: String
    /// Change from the year before, e.g. `+1.25`, when there is one.
    var change: String?
}

struct TableView: Decodable, Sendable, Equatable {
    var caption: String
    var columns: [ColumnView]
    var rows: [RowView]
    /// Where the same numbers can be downloaded, relative to this page.
    var csvURL: String?
    var jsonURL: String?
}

struct ColumnView: Decodable, Sendable, Equatable {
    var label: String
    var numeric: Bool
}

struct RowView: Decodable, Sendable, Equatable {
    /// The first cell is the row's header (`<th scope="row">`).
    var header: CellView
    var cells: [CellView]
}

struct CellView: Decodable, Sendable, Equatable {
    var text: String
    var url: String?
    var numeric: Bool = false
    /// A state shown in words and by style: `fulfilled`, `dropped`, `warning` …
    var state: String?
    /// Lines shown under the text: a commitment's check-off history.
    var lines: [String] = []
}

struct ChartView: Decodable, Sendable, Equatable {
    /// Inline SVG made by Placard from numbers only; every label in it is escaped.
    var svgHTML: String
    var caption: String
}

/// The organisation tree: a unit and its children, as deep as the page shows.
struct TreeNode: Decodable, Sendable, Equatable {
    var name: String
    var url: String
    var level: String
    var children: [TreeNode]
}

// The types a page shows many of convert themselves, their keys made once
// per type (see `TemplateKeys`); ViewModelTests checks the keys against the
// stored properties. The UI words a site's view holds are converted once per
// build (`ConvertedStrings`).
extension Link: TemplateValueConvertible {
    private static let keys = TemplateKeys(["title", "url", "current"])
    var templateValue: TemplateValue { .object(TemplateObject(Self.keys, [.text(title), .text(url), .bool(current)])) }
}

extension PageLink: TemplateValueConvertible {
    private static let keys = TemplateKeys(["title", "url", "current", "rel"])
    var templateValue: TemplateValue {
        .object(TemplateObject(Self.keys, [.text(title), .optional(url), .bool(current), .optional(rel)]))
    }
}

extension DateText: TemplateValueConvertible {
    private static let keys = TemplateKeys(["iso", "text"])
    var templateValue: TemplateValue { .object(TemplateObject(Self.keys, [.text(iso), .text(text)])) }
}

extension PageItem: TemplateValueConvertible {
    private static let keys = TemplateKeys(["title", "url", "summary", "date", "notice"])
    var templateValue: TemplateValue {
        .object(TemplateObject(Self.keys, [.text(title), .text(url), .optional(summary), .optional(date), .optional(notice)]))
    }
}

extension NoticeView: TemplateValueConvertible {
    private static let keys = TemplateKeys(["from", "to", "state", "stateText", "isOpen"])
    var templateValue: TemplateValue {
        .object(TemplateObject(Self.keys, [from.templateValue, to.templateValue, .text(state), .text(stateText), .bool(isOpen)]))
    }
}

extension TocEntry: TemplateValueConvertible {
    private static let keys = TemplateKeys(["title", "id", "level", "children"])
    var templateValue: TemplateValue { .object(TemplateObject(Self.keys, [.text(title), .text(id), .number(level), .list(children)])) }
}

extension TocChild: TemplateValueConvertible {
    private static let keys = TemplateKeys(["title", "id"])
    var templateValue: TemplateValue { .object(TemplateObject(Self.keys, [.text(title), .text(id)])) }
}

extension ColumnView: TemplateValueConvertible {
    private static let keys = TemplateKeys(["label", "numeric"])
    var templateValue: TemplateValue { .object(TemplateObject(Self.keys, [.text(label), .bool(numeric)])) }
}

extension RowView: TemplateValueConvertible {
    private static let keys = TemplateKeys(["header", "cells"])
    var templateValue: TemplateValue { .object(TemplateObject(Self.keys, [header.templateValue, .list(cells)])) }
}

extension CellView: TemplateValueConvertible {
    private static let keys = TemplateKeys(["text", "url", "numeric", "state", "lines"])
    var templateValue: TemplateValue {
        .object(TemplateObject(Self.keys, [.text(text), .optional(url), .bool(numeric), .optional(state), .texts(lines)]))
    }
}

extension PageView: TemplateValueConvertible {
    private static let keys = TemplateKeys(["site", "page"])
    var templateValue: TemplateValue { Self.templateValue(site: site.templateValue, page: page) }

    /// A page's view with its site's part already converted (and shared by pages alike).
    static func templateValue(site: TemplateValue, page: PageContent) -> TemplateValue {
        .object(TemplateObject(keys, [site, page.templateValue]))
    }
}

extension SiteView: TemplateValueConvertible {
    private static let keys = TemplateKeys([
        "title", "description", "publisher", "language", "root", "homeURL", "stylesheetURL", "searchURL",
        "searchScriptURL", "feedURL", "nav", "strings", "buildDate",
    ])
    var templateValue: TemplateValue {
        .object(TemplateObject(Self.keys, [
            .text(title), .optional(description), .optional(publisher), .text(language), .text(root), .text(homeURL),
            .text(stylesheetURL), .text(searchURL), .text(searchScriptURL), .optional(feedURL), .list(nav),
            ConvertedStrings.shared.value(of: strings), buildDate.templateValue,
        ]))
    }
}

/// The UI words as template values, converted once per set of words (a
/// build's), not for every page: about a hundred fields read through `Mirror`.
final class ConvertedStrings: @unchecked Sendable {
    static let shared = ConvertedStrings()
    private let lock = NSLock()
    private var last: (strings: UIStrings, value: TemplateValue)?

    func value(of strings: UIStrings) -> TemplateValue {
        lock.withLock {
            if let last, last.strings == strings { return last.value }
            let value = TemplateValue.reflecting(strings)
            last = (strings, value)
            return value
        }
    }
}

extension PageContent: TemplateValueConvertible {
    private static let keys = TemplateKeys([
        "title", "path", "isHome", "canonicalURL", "kind", "isNotice", "isReport", "summary", "bodyHTML", "toc",
        "published", "updated", "wasUpdated", "notice", "breadcrumbs", "sections", "tags", "changes", "org",
        "year", "params", "blocks", "tree", "pagination", "dataAsOf",
    ])
    var templateValue: TemplateValue {
        .object(TemplateObject(Self.keys, [
            .text(title), .text(path), .bool(isHome), .optional(canonicalURL), .text(kind), .bool(isNotice),
            .bool(isReport), .optional(summary), .text(bodyHTML), .list(toc), published.templateValue,
            updated.templateValue, .bool(wasUpdated), .optional(notice), .list(breadcrumbs), .list(sections),
            .texts(tags), .list(changes), .optional(org), .optional(year), params.templateValue, .list(blocks),
            .list(tree), .list(pagination), .optional(dataAsOf),
        ]))
    }
}

extension PageSection: TemplateValueConvertible {
    private static let keys = TemplateKeys(["title", "id", "items", "isEmpty"])
    var templateValue: TemplateValue { .object(TemplateObject(Self.keys, [.text(title), .text(id), .list(items), .bool(isEmpty)])) }
}

extension ChangeView: TemplateValueConvertible {
    private static let keys = TemplateKeys(["date", "note"])
    var templateValue: TemplateValue { .object(TemplateObject(Self.keys, [date.templateValue, .text(note)])) }
}

extension ContentBlock: TemplateValueConvertible {
    private static let keys = TemplateKeys(["title", "id", "note", "figures", "table", "chart", "links"])
    var templateValue: TemplateValue {
        .object(TemplateObject(Self.keys, [
            .text(title), .text(id), .optional(note), .list(figures), .optional(table), .optional(chart), .list(links),
        ]))
    }
}

extension FigureView: TemplateValueConvertible {
    private static let keys = TemplateKeys(["label", "value", "change"])
    var templateValue: TemplateValue { .object(TemplateObject(Self.keys, [.text(label), .text(value), .optional(change)])) }
}

extension TableView: TemplateValueConvertible {
    private static let keys = TemplateKeys(["caption", "columns", "rows", "csvURL", "jsonURL"])
    var templateValue: TemplateValue {
        .object(TemplateObject(Self.keys, [.text(caption), .list(columns), .list(rows), .optional(csvURL), .optional(jsonURL)]))
    }
}

extension ChartView: TemplateValueConvertible {
    private static let keys = TemplateKeys(["svgHTML", "caption"])
    var templateValue: TemplateValue { .object(TemplateObject(Self.keys, [.text(svgHTML), .text(caption)])) }
}

extension TreeNode: TemplateValueConvertible {
    private static let keys = TemplateKeys(["name", "url", "level", "children"])
    var templateValue: TemplateValue { .object(TemplateObject(Self.keys, [.text(name), .text(url), .text(level), .list(children)])) }
}

extension AsOfView: TemplateValueConvertible {
    private static let keys = TemplateKeys(["date", "isBuildDate"])
    var templateValue: TemplateValue { .object(TemplateObject(Self.keys, [date.templateValue, .bool(isBuildDate)])) }
}
