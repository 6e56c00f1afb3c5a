import PlacardTemplates

/// What templates see. Every template renders a `PageView`; every value is
/// plain text, escaped by the template engine, except the fields named `...HTML`,
/// which hold HTML made by cmark or by Placard itself.
///
/// These are `Decodable` only so that the template checker can read their shape
/// (see PlacardTemplates/TemplateSchema.swift); they are never decoded from data.
struct PageView: Decodable, Sendable {
    var site: SiteView
    var page: PageContent
}

struct SiteView: Decodable, Sendable {
    var title: String
    var description: String
    var publisher: String
    /// The `lang` of every page.
    var language: String
    /// The way from this page back to the site root: `./`, `../`, `../../`.
    var root: String
    var homeURL: String
    var stylesheetURL: String
    /// Set when the site has a base_url and so a feed.
    var feedURL: String?
    var nav: [Link]
    var strings: UIStrings
    var buildDate: DateText
}

struct Link: Decodable, Sendable {
    var title: String
    var url: String
    /// The link is to the page being shown, or to a section that holds it.
    var current: Bool = false
}

struct DateText: Decodable, Sendable {
    /// For `<time datetime>`.
    var iso: String
    /// For the reader.
    var text: String
}

struct PageContent: Decodable, Sendable {
    var title: String
    /// The page's own address relative to the site root, for canonical links.
    var path: String
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
}

struct TocEntry: Decodable, Sendable {
    var title: String
    var id: String
    var level: Int
    var children: [TocChild]
}

struct TocChild: Decodable, Sendable {
    var title: String
    var id: String
}

struct NoticeView: Decodable, Sendable {
    var from: DateText
    var to: DateText
    /// `open`, `closed` or `upcoming` against the build date.
    var state: String
    var stateText: String
    var isOpen: Bool
}

struct PageSection: Decodable, Sendable {
    var title: String
    var id: String
    var items: [PageItem]
    var isEmpty: Bool
}

struct PageItem: Decodable, Sendable {
    var title: String
    var url: String
    var summary: String?
    var date: DateText?
    var notice: NoticeView?
}

struct ChangeView: Decodable, Sendable {
    var date: DateText
    var note: String
}
