/// The language TEXT writes month and day names in, from a format's `[$-LCID]` tag
/// (`[$-41D]mmmm` is "januari", `[$-409]mmmm` "January"): the languages of the reports Kalkyl
/// serves. The names are the locale's (Windows' and LibreOffice's agree: Swedish `ddd` is two
/// letters, "må"; `mmm` is "maj", "okt"), checked against LibreOffice's recalculation of an
/// exported workbook (`LibreOfficeRoundTripTests`).
struct NameLanguage: Sendable, Equatable {
    /// January first.
    let months: [String]
    /// `mmm`: written out, as an abbreviation is not always the first letters in every language.
    let shortMonths: [String]
    /// Saturday first, as `ExcelCalendar`'s serial day 0 is a Saturday.
    let days: [String]
    let shortDays: [String]
    /// Whether AM/PM is written as the code writes it; a language with its own words (Swedish
    /// fm/em) is not supported there rather than written in English.
    let writesMeridiem: Bool

    static let english = NameLanguage(
        months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        shortMonths: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        days: ["Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
        shortDays: ["Sat", "Sun", "Mon", "Tue", "Wed", "Thu", "Fri"],
        writesMeridiem: true)

    static let swedish = NameLanguage(
        months: ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
        shortMonths: ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
        days: ["lördag", "söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag"],
        shortDays: ["lö", "sö", "må", "ti", "on", "to", "fr"],
        writesMeridiem: false)

    /// The language of a Windows locale ID written in hex (`41D` Swedish, `81D` Swedish in
    /// Finland, `409` and `809` English), by its primary language (the low ten bits); nil for
    /// another language, or a tag that is no locale ID (`F800`, the system's long date).
    init?(localeID: String) {
        guard !localeID.isEmpty, localeID.count <= 8, let id = UInt32(localeID, radix: 16) else { return nil }
        // Bits above the sixteen of the locale (a calendar or digit system) change the names.
        guard id <= 0xFFFF, id & 0xF000 == 0 else { return nil }
        switch id & 0x3FF {
        case 0x09: self = .english
        case 0x1D: self = .swedish
        default: return nil
        }
    }

    private init(months: [String], shortMonths: [String], days: [String], shortDays: [String], writesMeridiem: Bool) {
        self.months = months
        self.shortMonths = shortMonths
        self.days = days
        self.shortDays = shortDays
        self.writesMeridiem = writesMeridiem
    }
}
