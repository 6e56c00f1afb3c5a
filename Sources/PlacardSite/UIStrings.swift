import PlacardTemplates

/// The words of the built-in theme, in the three languages it speaks.
/// A site in another language gets English UI words (and a warning at load).
struct UIStrings: Decodable, Sendable, Equatable, TemplateConstant {
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
    var organisations: String
    var commitments: String
    var assessments: String
    var evaluations: String
    var surveys: String
    var funding: String
    var years: String
    var downloads: String
    var name: String
    var level: String
    var parentUnit: String
    var facts: String
    var responsiblePeople: String
    var role: String
    var person: String
    var position: String
    var since: String
    var until: String
    var commitment: String
    var due: String
    var status: String
    var fulfilledOn: String
    var history: String
    var statusPending: String
    var statusInProgress: String
    var statusFulfilled: String
    var statusDropped: String
    var childUnits: String
    var relatedPages: String
    var value: String
    var amount: String
    var source: String
    var purpose: String
    var item: String
    var total: String
    var page: String
    /// The links to the neighbouring pages of a long list.
    var previousPage: String
    var nextPage: String
    var rank: String
    var grade: String
    var weight: String
    var score: String
    var points: String
    var component: String
    var rate: String
    var satisfactionRate: String
    var satisfied: String
    var raters: String
    var group: String
    var consequences: String
    var rule: String
    var respondents: String
    var answers: String
    var percent: String
    var reported: String
    var reportedMismatch: String
    var countsDoNotAddUp: String
    var multipleAnswers: String
    var option: String
    var fulfilmentRate: String
    var made: String
    var fulfilled: String
    var dropped: String
    var yearBefore: String
    var indicators: String
    var indicator: String
    var share: String
    var target: String
    var rankOf: String
    var unitsRated: String
    var headline: String
    var noneTriggered: String
    var subtree: String
    var own: String
    var byUnit: String
    var perHead: String
    var chartOf: String
    var gradeDistribution: String
    /// Between the items of a list inside a sentence: "plan; District review", "計劃；縣裡評議".
    var listSeparator: String
    var search: String
    var searchLabel: String
    var searchButton: String
    var noResults: String
    var resultsCount: String
    var searchNeedsScript: String
    /// Beside a commitment's status when its due date has passed on the as-of date.
    var overdue: String
    /// "Data as of" a data page's as-of date; the note when that is the build date.
    var dataAsOf: String
    var asOfBuildDate: String

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
        organisation: "Unit", year: "Year",
        organisations: "Organisations", commitments: "Commitments", assessments: "Assessments", evaluations: "Satisfaction ratings", surveys: "Surveys", funding: "Funding", years: "Yearly summaries", downloads: "Data downloads", name: "Name", level: "Level", parentUnit: "Part of", facts: "Facts", responsiblePeople: "Who is responsible", role: "Role", person: "Name", position: "Position", since: "Since", until: "Until", commitment: "Commitment", due: "Due", status: "Status", fulfilledOn: "Fulfilled on", history: "Check-off history", statusPending: "Pending", statusInProgress: "In progress", statusFulfilled: "Fulfilled", statusDropped: "Dropped", childUnits: "Units under it", relatedPages: "Related pages", value: "Value", amount: "Amount", source: "Source", purpose: "Purpose", item: "Item", total: "Total", page: "Page", previousPage: "Previous", nextPage: "Next",
        rank: "Rank", grade: "Grade", weight: "Weight", score: "Score", points: "Points", component: "Component", rate: "Rate", satisfactionRate: "Satisfaction rate", satisfied: "Satisfied", raters: "Ratings", group: "Rated by", consequences: "Consequences", rule: "Rule", respondents: "Respondents", answers: "Answers", percent: "Share", reported: "As published", reportedMismatch: "does not match the counts", countsDoNotAddUp: "The counts of this question do not add up to the number of respondents; each share is rounded on its own.", multipleAnswers: "Several answers per respondent: shares may add up to more than 100%.", option: "Answer", fulfilmentRate: "Fulfilment rate", made: "Made", fulfilled: "Fulfilled", dropped: "Dropped", yearBefore: "Change from the year before", indicators: "Indicators", indicator: "Indicator", share: "Share", target: "Target", rankOf: "of", unitsRated: "Units rated", headline: "Figures for", noneTriggered: "No consequence was triggered.", subtree: "With the units under it", own: "The unit itself", byUnit: "By unit", perHead: "Per head", chartOf: "Chart", gradeDistribution: "Units by grade",
        listSeparator: "; ", search: "Search", searchLabel: "Search this site", searchButton: "Search", noResults: "Nothing found.", resultsCount: "results", searchNeedsScript: "Search needs JavaScript; every page can also be reached from the navigation.",
        overdue: "Overdue", dataAsOf: "Data as of", asOfBuildDate: "the build date: the data gives no date")

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
        organisation: "單位", year: "年度",
        organisations: "組織架構", commitments: "公開承諾", assessments: "考核", evaluations: "滿意度測評", surveys: "問卷調查", funding: "經費保障", years: "年度總結", downloads: "數據下載", name: "名稱", level: "層級", parentUnit: "上級單位", facts: "基本情況", responsiblePeople: "責任人", role: "職責", person: "姓名", position: "職務", since: "任職起", until: "任職至", commitment: "承諾事項", due: "完成時限", status: "狀態", fulfilledOn: "銷號日期", history: "公示記錄", statusPending: "未開始", statusInProgress: "推進中", statusFulfilled: "已兌現", statusDropped: "已撤回", childUnits: "下屬單位", relatedPages: "相關頁面", value: "數值", amount: "金額", source: "來源", purpose: "用途", item: "項目", total: "合計", page: "第", previousPage: "上一頁", nextPage: "下一頁",
        rank: "名次", grade: "等次", weight: "權重", score: "得分", points: "折算分", component: "考核項目", rate: "比率", satisfactionRate: "滿意率", satisfied: "滿意票", raters: "參評票數", group: "測評對象", consequences: "處理結果", rule: "規定", respondents: "答卷人數", answers: "回答人數", percent: "比例", reported: "原公布比例", reportedMismatch: "與人數不符", countsDoNotAddUp: "本題各選項人數之和與答卷人數不符，各比例分別四捨五入。", multipleAnswers: "本題可多選，比例之和可能超過100%。", option: "選項", fulfilmentRate: "兌現率", made: "承諾數", fulfilled: "已兌現", dropped: "已撤回", yearBefore: "較上年", indicators: "指標", indicator: "指標", share: "比例", target: "目標", rankOf: "/", unitsRated: "參評單位", headline: "年度數據", noneTriggered: "未觸發任何處理規定。", subtree: "含下屬單位", own: "本單位", byUnit: "各單位", perHead: "按人計算", chartOf: "圖表", gradeDistribution: "等次分布",
        listSeparator: "；", search: "搜尋", searchLabel: "搜尋本站", searchButton: "搜尋", noResults: "找不到相關內容。", resultsCount: "項結果", searchNeedsScript: "搜尋需要啟用 JavaScript；所有頁面亦可由選單進入。",
        overdue: "逾期", dataAsOf: "數據截至", asOfBuildDate: "生成日期：數據未註明日期")

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
        organisation: "单位", year: "年度",
        organisations: "组织架构", commitments: "公开承诺", assessments: "考核", evaluations: "满意度测评", surveys: "问卷调查", funding: "经费保障", years: "年度总结", downloads: "数据下载", name: "名称", level: "层级", parentUnit: "上级单位", facts: "基本情况", responsiblePeople: "责任人", role: "职责", person: "姓名", position: "职务", since: "任职起", until: "任职至", commitment: "承诺事项", due: "完成时限", status: "状态", fulfilledOn: "销号日期", history: "公示记录", statusPending: "未开始", statusInProgress: "推进中", statusFulfilled: "已兑现", statusDropped: "已撤回", childUnits: "下属单位", relatedPages: "相关页面", value: "数值", amount: "金额", source: "来源", purpose: "用途", item: "项目", total: "合计", page: "第", previousPage: "上一页", nextPage: "下一页",
        rank: "名次", grade: "等次", weight: "权重", score: "得分", points: "折算分", component: "考核项目", rate: "比率", satisfactionRate: "满意率", satisfied: "满意票", raters: "参评票数", group: "测评对象", consequences: "处理结果", rule: "规定", respondents: "答卷人数", answers: "回答人数", percent: "比例", reported: "原公布比例", reportedMismatch: "与人数不符", countsDoNotAddUp: "本题各选项人数之和与答卷人数不符，各比例分别四舍五入。", multipleAnswers: "本题可多选，比例之和可能超过100%。", option: "选项", fulfilmentRate: "兑现率", made: "承诺数", fulfilled: "已兑现", dropped: "已撤回", yearBefore: "较上年", indicators: "指标", indicator: "指标", share: "比例", target: "目标", rankOf: "/", unitsRated: "参评单位", headline: "年度数据", noneTriggered: "未触发任何处理规定。", subtree: "含下属单位", own: "本单位", byUnit: "各单位", perHead: "按人计算", chartOf: "图表", gradeDistribution: "等次分布",
        listSeparator: "；", search: "搜索", searchLabel: "搜索本站", searchButton: "搜索", noResults: "找不到相关内容。", resultsCount: "项结果", searchNeedsScript: "搜索需要启用 JavaScript；所有页面亦可由菜单进入。",
        overdue: "逾期", dataAsOf: "数据截至", asOfBuildDate: "生成日期：数据未注明日期")

    /// A date as a reader of the language writes it.
    func format(_ year: Int, _ month: Int?, _ day: Int?) -> String {
        if language.hasPrefix("zh") {
            // One interpolation for the usual full date (it runs for every date of every table).
            guard let month else { return day.map { "\(year)年\($0)日" } ?? "\(year)年" }
            guard let day else { return "\(year)年\(month)月" }
            return "\(year)年\(month)月\(day)日"
        }
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        guard let month else { return "\(year)" }
        guard let day else { return "\(months[month - 1]) \(year)" }
        return "\(day) \(months[month - 1]) \(year)"
    }
}
