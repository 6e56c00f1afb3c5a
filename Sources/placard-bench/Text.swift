/// The words the synthetic narratives are made of: Chinese and English
/// sentences about the kind of public reports Placard publishes.
enum Text {
    static let topics: [(zh: String, en: String)] = [
        ("基層黨建工作總結", "Annual work summary"),
        ("黨建工作責任制落實情況", "Accountability report"),
        ("村級組織換屆選舉公示", "Village election notice"),
        ("承諾事項辦理進度", "Commitment progress"),
        ("群眾滿意度測評結果", "Satisfaction survey results"),
        ("專項資金使用情況", "Use of earmarked funds"),
        ("幹部述職評議", "Officials' performance review"),
        ("村務公開月報", "Monthly village affairs report"),
    ]

    static let summaries = [
        "本期公示承諾事項的辦理進度與群眾評議結果",
        "A summary of commitments made and kept this quarter",
        "年度考核結果及整改措施",
        "Funding received, spent and still to be spent",
        "民主評議黨員與滿意度測評情況通報",
    ]

    static let tags = ["公示", "notice", "考核", "funding", "滿意度", "report", "整改", "village"]

    static let chinese = [
        "今年以來，鎮黨委堅持把抓好黨建作為最大政績，逐級簽訂目標責任書。",
        "全鎮共有村級黨組織二十三個，黨員八百四十六名，其中農村黨員六百一十二名。",
        "各村按照「四議兩公開」的要求，對重大事項實行民主決策。",
        "縣委組織部在年中對承諾事項進行了一次全面督查，發現問題十二項，已整改十項。",
        "群眾滿意度測評採取無記名投票方式，共發放問卷一千二百份，收回一千一百五十六份。",
        "對測評結果排名靠後的單位，由縣委領導進行約談，限期整改。",
        "專項資金嚴格實行報帳制，每一筆支出都在村務公開欄公示。",
        "村幹部坐班制度全面落實，便民服務中心全年辦理事項三千餘件。",
        "在換屆選舉中，新當選的村黨組織書記平均年齡下降四點二歲。",
        "下一步，我們將繼續完善考核辦法，把群眾評價作為考核的重要依據。",
        "通過開展「雙述雙評」活動，幹部作風明顯轉變，辦事效率不斷提高。",
        "對於群眾反映強烈的道路、飲水等問題，已列入明年承諾事項。",
    ]

    static let english = [
        "The township committee signed a letter of responsibility with every village branch at the start of the year.",
        "Of the forty-one commitments made in spring, thirty-four were fulfilled by the end of the third quarter.",
        "Every major decision was first discussed by the branch, then by the village committee, and finally put to a vote.",
        "The county inspection in June found twelve problems; ten of them have been put right since.",
        "Residents rated the work of their branch in a secret ballot, and the results are published here in full.",
        "Units that ranked last were asked to explain themselves and to present a plan for improvement within a month.",
        "Every payment from the earmarked funds is listed on the village notice board within a week.",
        "The service centre handled more than three thousand requests, most of them on the day they were made.",
        "Newly elected branch secretaries are on average four years younger than the ones they replaced.",
        "Next year the assessment will weigh residents' ratings more heavily than reports written by the units themselves.",
        "Roads and drinking water, the two problems raised most often, are on next year's list of commitments.",
        "Figures in this report are computed from the published datasets, so they cannot disagree with them.",
    ]

    static let headings = ["工作進展 Progress", "Measures taken", "存在問題", "Results", "下一步計劃 Next steps", "資金使用 Funding", "Ratings"]

    static let subheadings = ["Details", "具體數據", "Open questions", "整改情況", "Notes", "附註"]

    static let chineseItems = [
        "完成村級活動場所改造五處",
        "新建便民服務站三個，覆蓋全部行政村",
        "培訓村幹部二百一十人次",
        "開展民主評議黨員活動，參評率百分之九十八",
        "落實村務公開制度，每月公開一次",
        "解決群眾反映問題四十七件",
    ]

    static let englishItems = [
        "Five village halls renovated, two more under way",
        "Three service points opened; every village is now within walking distance of one",
        "210 training days for village officials",
        "Monthly publication of village accounts, *without exception*",
        "47 of 52 complaints resolved, the rest passed on to the county",
        "Ratings collected from **1,156** residents",
    ]

    static let codeWords = ["notice.period", "satisfaction < 60", "status: fulfilled", "year=2024", "rate x residents", "levels[0].id"]

    static let codeLanguages = ["yaml", "text", "csv", "json"]

    static let codeBlocks = [
        "commitments:\n  - {id: road-2024, org: fuyuan, year: 2024, status: fulfilled}\n  - {id: water-2024, org: fuyuan, year: 2024, status: in_progress}",
        "org,year,group,satisfied,total\nfuyuan,2024,黨員,86,90\nfuyuan,2024,村民代表,41,48",
        "{\"org\": \"daidong\", \"year\": 2024, \"item\": \"道路硬化\", \"amount\": 120000}",
        "公示期滿無異議的，按程序辦理。\nObjections may be sent to the county office until the notice period ends.",
    ]

    // MARK: The organisation site (`--units`)

    static let surnames = ["王", "李", "張", "劉", "陳", "楊", "趙", "黃", "周", "吳", "孫", "馬"]

    static let givenNames = ["建國", "志強", "麗華", "明遠", "秀英", "海濤", "建軍", "玉蘭", "國強", "春梅"]

    /// What units promise: text, category, and the unit of a quantity (empty when none).
    static let commitments: [(text: String, category: String, unit: String)] = [
        ("硬化村內道路", "基礎設施", "公里"),
        ("新修灌溉溝渠", "基礎設施", "米"),
        ("改造村級活動場所", "陣地建設", ""),
        ("幫助無就業戶實現就業", "民生服務", "戶"),
        ("調解矛盾糾紛", "社會治理", "件"),
        ("培訓黨員和村幹部", "隊伍建設", "人次"),
        ("每月公開村務和財務", "村務公開", ""),
        ("建設示範種植基地", "產業發展", "畝"),
        ("走訪困難群眾", "民生服務", "戶"),
        ("完善便民服務站", "陣地建設", ""),
        ("發展新黨員", "隊伍建設", "名"),
        ("解決群眾飲水問題", "基礎設施", "戶"),
    ]
}
