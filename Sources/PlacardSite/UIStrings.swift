/// The words of the built-in theme, in the three languages it speaks.
/// A site in another language gets English UI words (and a warning at load).
struct UIStrings: Decodable, Sendable {
    /// The language these words are in, for formatting dates.
    var language: String
    var skipToContent: String
    var home: String
    var mainNavigation: String
    var publisher: String
    var published: String
    var updated: String
    var contents: String
    var notices: String
    var currentNotices: String
    var closedNotices: String
    var noticePeriod: String
    var noticeOpen: String
    var noticeClosed: String
    var noticeUpcoming: String
    var reports: String
    var latestNotices: String
    var pages: String
    var noPages: String
    var notFoundTitle: String
    var notFoundText: String
    var backHome: String
    var builtWith: String
    var feed: String
    var breadcrumbs: String
    var changes: String
    var tags: String
    var organisation: String
    var year: String

    static func forLanguage(_ language: String) -> UIStrings {
        switch language {
        case "zh-Hant": return zhHant
        case "zh-Hans", "zh": return zhHans
        default: return en
        }
    }

    static let supportedLanguages = ["en", "zh-Hans", "zh-Hant"]

    static let en = UIStrings(
        language: "en", skipToContent: "Skip to content", home: "Home", mainNavigation: "Main navigation",
        publisher: "Published by", published: "Published", updated: "Last changed", contents: "Contents",
        notices: "Public notices", currentNotices: "Current notices", closedNotices: "Closed notices",
        noticePeriod: "Notice period", noticeOpen: "Open for comment", noticeClosed: "Closed",
        noticeUpcoming: "Not yet open", reports: "Reports", latestNotices: "Latest notices", pages: "Pages",
        noPages: "Nothing here yet.", notFoundTitle: "Page not found",
        notFoundText: "The page you asked for does not exist here. It may have moved.",
        backHome: "Back to the home page", builtWith: "Built with Placard", feed: "Feed of notices and reports",
        breadcrumbs: "You are here", changes: "Changes to this page", tags: "Tags",
        organisation: "Unit", year: "Year")

    static let zhHant = UIStrings(
        language: "zh-Hant", skipToContent: "跳至主要內容", home: "首頁", mainNavigation: "主選單",
        publisher: "發布單位", published: "發布日期", updated: "最後更新", contents: "目錄",
        notices: "公示公告", currentNotices: "公示中", closedNotices: "已結束的公示",
        noticePeriod: "公示期", noticeOpen: "公示中", noticeClosed: "已結束",
        noticeUpcoming: "尚未開始", reports: "報告", latestNotices: "最新公示", pages: "頁面",
        noPages: "暫無內容。", notFoundTitle: "找不到頁面",
        notFoundText: "您要找的頁面不存在，可能已經移動。",
        backHome: "返回首頁", builtWith: "以 Placard 製作", feed: "公示與報告訂閱",
        breadcrumbs: "目前位置", changes: "本頁修訂記錄", tags: "標籤",
        organisation: "單位", year: "年度")

    static let zhHans = UIStrings(
        language: "zh-Hans", skipToContent: "跳至主要内容", home: "首页", mainNavigation: "主菜单",
        publisher: "发布单位", published: "发布日期", updated: "最后更新", contents: "目录",
        notices: "公示公告", currentNotices: "公示中", closedNotices: "已结束的公示",
        noticePeriod: "公示期", noticeOpen: "公示中", noticeClosed: "已结束",
        noticeUpcoming: "尚未开始", reports: "报告", latestNotices: "最新公示", pages: "页面",
        noPages: "暂无内容。", notFoundTitle: "找不到页面",
        notFoundText: "您要找的页面不存在，可能已经移动。",
        backHome: "返回首页", builtWith: "以 Placard 制作", feed: "公示与报告订阅",
        breadcrumbs: "当前位置", changes: "本页修订记录", tags: "标签",
        organisation: "单位", year: "年度")

    /// A date as a reader of the language writes it.
    func format(_ year: Int, _ month: Int?, _ day: Int?) -> String {
        if language.hasPrefix("zh") {
            var text = "\(year)年"
            if let month { text += "\(month)月" }
            if let day { text += "\(day)日" }
            return text
        }
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        guard let month else { return "\(year)" }
        guard let day else { return "\(months[month - 1]) \(year)" }
        return "\(day) \(months[month - 1]) \(year)"
    }
}
