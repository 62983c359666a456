/// `3000..3999`: the accounts from 3000 to 3999 inclusive, as charts of accounts (BAS,
/// Kommun-Bas, Region-Bas) group them into report lines and periodisation keys.
///
/// Codes of digits only are compared as numbers (`4010` is in `4000..4999`); other codes
/// are compared as text.
package struct AccountRange: Sendable, Equatable {
    package var low: String
    package var high: String

    /// A range written `LOW..HIGH`, or nil for anything else (a single account).
    package init?(_ text: String) {
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2 else { return nil }
        let low = parts[0].trimmedOfPadding, high = parts[1].trimmedOfPadding
        guard !low.isEmpty, !high.isEmpty else { return nil }
        self.low = low
        self.high = high
    }

    package init(low: String, high: String) {
        self.low = low
        self.high = high
    }

    /// Whether the range is written the right way round (`3999..3000` is not).
    package var isOrdered: Bool { !Self.less(high, low) }

    package func contains(_ code: String) -> Bool {
        !Self.less(code, low) && !Self.less(high, code)
    }

    static func less(_ a: String, _ b: String) -> Bool {
        if let x = Int(a), let y = Int(b), a.allSatisfy(\.isASCII), b.allSatisfy(\.isASCII) { return x < y }
        return a < b
    }
}
